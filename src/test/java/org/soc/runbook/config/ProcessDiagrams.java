package org.soc.runbook.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Draws each process of {@code bpmn/} as SVG from its own diagram interchange (the positions the model file
 * carries), so the pictures in the documentation are the models, not drawings of them. {@code mvn -Pdiagrams test} writes them
 * to {@code src/docs/processes/}; {@code ProcessModelTests} fails when a committed picture no longer matches its
 * model. Deliberately plain: shapes, names, flows and the markers a reader needs (user, service, timer, error, call).
 */
final class ProcessDiagrams {

	static final Path MODELS = Path.of("bpmn");

	static final Path PICTURES = Path.of("src", "docs", "processes");

	private static final int MARGIN = 20;

	private ProcessDiagrams() {
	}

	/** Every model file and the picture drawn from it, by file name without extension. */
	static List<String> names() throws IOException {
		try (Stream<Path> files = Files.list(MODELS)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".bpmn"))
				.map((name) -> name.substring(0, name.length() - ".bpmn".length()))
				.sorted()
				.toList();
		}
	}

	static String render(String name) {
		BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve(name + ".bpmn").toFile());
		List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
		// Containers first, so that what they contain is drawn over them.
		shapes.sort((a, b) -> Boolean.compare(!(a.getBpmnElement() instanceof SubProcess),
				!(b.getBpmnElement() instanceof SubProcess)));
		double maxX = 0;
		double maxY = 0;
		double minX = Double.MAX_VALUE;
		double minY = Double.MAX_VALUE;
		for (BpmnShape shape : shapes) {
			Bounds b = shape.getBounds();
			minX = Math.min(minX, b.getX());
			minY = Math.min(minY, b.getY());
			maxX = Math.max(maxX, b.getX() + b.getWidth());
			maxY = Math.max(maxY, b.getY() + b.getHeight() + 30);
		}
		for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
			for (Waypoint point : edge.getWaypoints()) {
				minX = Math.min(minX, point.getX());
				minY = Math.min(minY, point.getY());
				maxX = Math.max(maxX, point.getX());
				maxY = Math.max(maxY, point.getY());
			}
		}
		for (BpmnLabel placed : model.getModelElementsByType(BpmnLabel.class)) {
			Bounds b = placed.getBounds();
			if (b != null) {
				minX = Math.min(minX, b.getX());
				minY = Math.min(minY, b.getY());
				maxX = Math.max(maxX, b.getX() + b.getWidth());
				maxY = Math.max(maxY, b.getY() + b.getHeight());
			}
		}
		double dx = MARGIN - minX;
		double dy = MARGIN - minY;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">%n",
				size(maxX + dx + MARGIN), size(maxY + dy + MARGIN), size(maxX + dx + MARGIN), size(maxY + dy + MARGIN)));
		svg.append("<title>").append(escape(name)).append(" (drawn from bpmn/").append(escape(name))
			.append(".bpmn)</title>\n");
		svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
				+ "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		for (BpmnShape shape : shapes) {
			shape(svg, shape, dx, dy);
		}
		for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
			edge(svg, edge, dx, dy);
		}
		return svg.append("</svg>\n").toString();
	}

	private static void shape(StringBuilder svg, BpmnShape shape, double dx, double dy) {
		BaseElement element = shape.getBpmnElement();
		Bounds b = shape.getBounds();
		double x = b.getX() + dx;
		double y = b.getY() + dy;
		double w = b.getWidth();
		double h = b.getHeight();
		String label = (element instanceof FlowElement flow) ? flow.getName() : null;
		if (element instanceof SubProcess) {
			svg.append(rect(x, y, w, h, 10, "#fafafa", "#555", 1.5));
			text(svg, label, x + 8, y + 16, w - 16, false);
		}
		else if (element instanceof Task || element instanceof CallActivity) {
			boolean call = element instanceof CallActivity;
			svg.append(rect(x, y, w, h, 10, "#fff", "#333", call ? 3 : 1.5));
			text(svg, label, x + w / 2, y + h / 2 + 2, w - 10, true);
			String marker = (element instanceof UserTask) ? "user" : (element instanceof ServiceTask) ? "service"
					: call ? "[+] call" : null;
			if (marker != null) {
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" font-style=\"italic\" fill=\"#777\">%s</text>%n",
						x + 5, y + 11, marker));
			}
		}
		else if (element instanceof Gateway) {
			double cx = x + w / 2;
			double cy = y + h / 2;
			svg.append(String.format(Locale.ROOT,
					"<polygon points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"#fff\" stroke=\"#333\" "
							+ "stroke-width=\"1.5\"/>%n",
					cx, y, x + w, cy, cx, y + h, x, cy));
			String sign = (element instanceof ParallelGateway) ? "+" : (element instanceof ExclusiveGateway) ? "X" : "";
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
					cx, cy + 6, sign));
			placedText(svg, shape.getBpmnLabel(), label, dx, dy, cx, y + h + 14, 160);
		}
		else if (element instanceof Event event) {
			double r = w / 2;
			double cx = x + r;
			double cy = y + r;
			boolean end = element instanceof EndEvent;
			boolean boundary = element instanceof BoundaryEvent;
			boolean interrupting = !(element instanceof BoundaryEvent be) || be.cancelActivity();
			svg.append(String.format(Locale.ROOT,
					"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" stroke=\"#333\" stroke-width=\"%.1f\"%s/>%n",
					cx, cy, r, end ? 3.5 : 1.5, interrupting ? "" : " stroke-dasharray=\"4 2\""));
			boolean timer = !event.getChildElementsByType(TimerEventDefinition.class).isEmpty();
			boolean error = !event.getChildElementsByType(ErrorEventDefinition.class).isEmpty();
			if (boundary || timer || error) {
				svg.append(String.format(Locale.ROOT,
						"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke=\"#333\"%s/>%n", cx, cy, r - 3,
						interrupting ? "" : " stroke-dasharray=\"4 2\""));
			}
			if (timer) {
				svg.append(String.format(Locale.ROOT,
						"<path d=\"M%.1f,%.1f L%.1f,%.1f L%.1f,%.1f\" fill=\"none\" stroke=\"#333\"/>%n", cx, cy - r + 6,
						cx, cy, cx + r / 2 - 2, cy));
			}
			else if (error) {
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\">!</text>%n", cx, cy + 4));
			}
			placedText(svg, shape.getBpmnLabel(), label, dx, dy, cx, y + h + 14, 140);
		}
	}

	/**
	 * A name where the model's diagram places it (its label bounds), so that the layout, not the drawing, keeps labels
	 * clear of each other and of the flows; centred under the shape when the model does not say.
	 */
	private static void placedText(StringBuilder svg, BpmnLabel placed, String label, double dx, double dy,
			double cx, double y, double width) {
		if (placed != null && placed.getBounds() != null) {
			Bounds b = placed.getBounds();
			text(svg, label, b.getX() + dx + b.getWidth() / 2, b.getY() + dy + b.getHeight() / 2 + 4, b.getWidth(), true);
		}
		else {
			text(svg, label, cx, y, width, true);
		}
	}

	private static void edge(StringBuilder svg, BpmnEdge edge, double dx, double dy) {
		List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
		if (points.size() < 2) {
			return;
		}
		StringBuilder path = new StringBuilder();
		for (Waypoint point : points) {
			path.append(path.length() == 0 ? "" : " ")
				.append(String.format(Locale.ROOT, "%.1f,%.1f", point.getX() + dx, point.getY() + dy));
		}
		svg.append("<polyline points=\"").append(path)
			.append("\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>\n");
		String label = (edge.getBpmnElement() instanceof FlowElement flow) ? flow.getName() : null;
		if (label != null && !label.isBlank()) {
			Waypoint a = points.get(0);
			Waypoint b = points.get(1);
			if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
				placedText(svg, edge.getBpmnLabel(), label, dx, dy, 0, 0, 0);
			}
			else {
				text(svg, label, (a.getX() + b.getX()) / 2 + dx + 4, (a.getY() + b.getY()) / 2 + dy - 4, 120, false);
			}
		}
	}

	private static String rect(double x, double y, double w, double h, int radius, String fill, String stroke,
			double width) {
		return String.format(Locale.ROOT,
				"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"%d\" fill=\"%s\" stroke=\"%s\" "
						+ "stroke-width=\"%.1f\"/>%n",
				x, y, w, h, radius, fill, stroke, width);
	}

	/** A name wrapped into lines of the given width (about 6 px per character), centred or left-aligned. */
	private static void text(StringBuilder svg, String label, double x, double y, double width, boolean centred) {
		if (label == null || label.isBlank()) {
			return;
		}
		int perLine = Math.max(8, (int) (width / 6));
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : label.trim().split("\\s+")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.length() == 0 ? "" : " ").append(word);
		}
		lines.add(line.toString());
		double top = centred ? y - (lines.size() - 1) * 6.5 : y;
		for (int i = 0; i < lines.size(); i++) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"%s>%s</text>%n", x, top + i * 13,
					centred ? " text-anchor=\"middle\"" : "", escape(lines.get(i))));
		}
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static int size(double value) {
		return (int) Math.ceil(value);
	}

	/** {@code mvn -Pdiagrams test}: writes every picture again. */
	static void writeAll() throws IOException {
		Files.createDirectories(PICTURES);
		for (String name : names()) {
			Files.writeString(PICTURES.resolve(name + ".svg"), render(name));
		}
	}

}
