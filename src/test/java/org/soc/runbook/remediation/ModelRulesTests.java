package org.soc.runbook.remediation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep every model in {@code bpmn/} a model a SOC lead reads, checked from the files alone (no engine,
 * no Spring): no rule or sentence hidden in an expression, every step labelled, one question per gateway, merges made
 * explicit, one way of mapping a call's variables, and a diagram with no crossing flows and no label over another.
 */
class ModelRulesTests {

	private static final Pattern SEMANTIC_ID = Pattern.compile(
			"^(StartEvent|EndEvent|Task|Gateway|CallActivity|BoundaryEvent|TimerEvent|SubProcess|Flow)_[A-Za-z0-9_]+$");

	/** A variable a condition reads: a bare identifier, or {@code execution.getVariable('name')}. */
	private static final Pattern VARIABLE = Pattern
		.compile("getVariable\\('([A-Za-z0-9]+)'\\)|(?<![.'A-Za-z0-9])([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9'(])");

	private static final Set<String> NOT_VARIABLES = Set.of("true", "false", "null", "execution", "empty", "not",
			"and", "or", "eq", "ne");

	@Test
	void theModelsOnlyModel() throws IOException {
		// A rule or a sentence belongs in a bean with a test, not in an expression no test reads: no model sets a
		// variable or builds text in an expression.
		for (Path model : modelFiles()) {
			assertThat(Files.readString(model)).as(model.toString())
				.doesNotContain("setVariable(")
				.doesNotContain(".concat(")
				.doesNotContain(" ? ");
		}
	}

	@Test
	void everyStepIsLabelledForAReaderNotNamedAfterItsId() throws IOException {
		for (BpmnModelInstance model : models()) {
			for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
				assertThat(node.getName()).as(node.getId()).isNotBlank().isNotEqualTo(node.getId());
			}
		}
	}

	@Test
	void everyGatewayAsksOneQuestion() throws IOException {
		for (BpmnModelInstance model : models()) {
			for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
				Set<String> asked = new TreeSet<>();
				for (SequenceFlow flow : gateway.getOutgoing()) {
					if (flow.getConditionExpression() != null) {
						asked.addAll(variables(flow.getConditionExpression().getTextContent()));
					}
				}
				assertThat(asked).as(gateway.getId() + " asks about").hasSizeLessThanOrEqualTo(1);
			}
		}
	}

	@Test
	void noGatewayBothForksAndJoins() throws IOException {
		for (BpmnModelInstance model : models()) {
			for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
				assertThat(gateway.getIncoming().size() > 1 && gateway.getOutgoing().size() > 1)
					.as(gateway.getId() + " forks and joins")
					.isFalse();
			}
		}
	}

	@Test
	void flowsMeetOnlyAtAMergeGateway() throws IOException {
		for (BpmnModelInstance model : models()) {
			for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
				if (!(node instanceof Gateway)) {
					assertThat(node.getIncoming()).as(node.getId() + " entered by").hasSizeLessThanOrEqualTo(1);
				}
			}
		}
	}

	@Test
	void aCallMapsItsVariablesOneWay() throws IOException {
		for (BpmnModelInstance model : models()) {
			for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
				boolean delegate = call.getCamundaVariableMappingDelegateExpression() != null
						|| call.getCamundaVariableMappingClass() != null;
				long variableMappings = call.getChildElementsByType(ExtensionElements.class)
					.stream()
					.flatMap((extensions) -> extensions.getElements().stream())
					.filter((element) -> (element instanceof CamundaIn in && in.getCamundaBusinessKey() == null)
							|| element instanceof CamundaOut)
					.count();
				assertThat(delegate && variableMappings > 0).as(call.getId() + " maps with both a delegate and "
						+ variableMappings + " in/out mappings").isFalse();
			}
		}
	}

	@Test
	void everyElementHasASemanticIdAndADiagramShape() throws IOException {
		for (BpmnModelInstance model : models()) {
			Collection<BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class);
			Collection<BpmnEdge> edges = model.getModelElementsByType(BpmnEdge.class);
			for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
				assertThat(node.getId()).matches(SEMANTIC_ID);
				assertThat(shapes).as(node.getId() + " drawn").anyMatch((s) -> s.getBpmnElement() == node);
			}
			for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
				assertThat(flow.getId()).matches(SEMANTIC_ID);
				assertThat(edges).as(flow.getId() + " drawn").anyMatch((e) -> e.getBpmnElement() == flow);
			}
		}
	}

	@Test
	void noFlowCrossesAnother() throws IOException {
		for (Path file : modelFiles()) {
			List<Segment> segments = new ArrayList<>();
			for (BpmnEdge edge : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(BpmnEdge.class)) {
				List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
				for (int i = 1; i < points.size(); i++) {
					segments.add(new Segment(edge.getBpmnElement().getId(), points.get(i - 1), points.get(i)));
				}
			}
			for (int i = 0; i < segments.size(); i++) {
				for (int j = i + 1; j < segments.size(); j++) {
					Segment a = segments.get(i);
					Segment b = segments.get(j);
					assertThat(!a.flow().equals(b.flow()) && a.crosses(b))
						.as(file.getFileName() + ": " + a.flow() + " crosses " + b.flow())
						.isFalse();
				}
			}
		}
	}

	@Test
	void noLabelCoversAnotherOrAShape() throws IOException {
		for (Path file : modelFiles()) {
			BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
			List<Box> labels = new ArrayList<>();
			for (BpmnLabel label : model.getModelElementsByType(BpmnLabel.class)) {
				String owner = label.getParentElement().getAttributeValue("bpmnElement");
				labels.add(new Box(owner, label.getBounds()));
			}
			List<Box> shapes = new ArrayList<>();
			for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
				if (!(shape.getBpmnElement() instanceof SubProcess)) {
					shapes.add(new Box(shape.getBpmnElement().getId(), shape.getBounds()));
				}
			}
			for (int i = 0; i < labels.size(); i++) {
				for (int j = i + 1; j < labels.size(); j++) {
					assertThat(labels.get(i).overlaps(labels.get(j)))
						.as(file.getFileName() + ": label of " + labels.get(i).owner() + " over label of "
								+ labels.get(j).owner())
						.isFalse();
				}
				for (Box shape : shapes) {
					boolean ownBoundary = shape.owner().equals(labels.get(i).owner());
					assertThat(!ownBoundary && labels.get(i).overlaps(shape))
						.as(file.getFileName() + ": label of " + labels.get(i).owner() + " over " + shape.owner())
						.isFalse();
				}
			}
		}
	}

	/** The variables a condition reads. */
	static Set<String> variables(String condition) {
		Set<String> names = new TreeSet<>();
		String expression = condition.replaceAll("'[^']*'(?!\\))", "''");
		Matcher matcher = VARIABLE.matcher(expression.replace("${", " ").replace("}", " "));
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
			if (!NOT_VARIABLES.contains(name)) {
				names.add(name);
			}
		}
		return names;
	}

	private static List<BpmnModelInstance> models() throws IOException {
		return modelFiles().stream().map((file) -> Bpmn.readModelFromFile(file.toFile())).toList();
	}

	private static List<Path> modelFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			List<Path> models = files.filter((file) -> file.toString().endsWith(".bpmn")).sorted().toList();
			assertThat(models).isNotEmpty();
			return models;
		}
	}

	/** One straight piece of a drawn flow. */
	private record Segment(String flow, Waypoint from, Waypoint to) {

		/** True when the two pieces cross at a point inside both (touching ends or running together is not crossing). */
		boolean crosses(Segment other) {
			double d1 = side(other.from, other.to, this.from);
			double d2 = side(other.from, other.to, this.to);
			double d3 = side(this.from, this.to, other.from);
			double d4 = side(this.from, this.to, other.to);
			return d1 * d2 < 0 && d3 * d4 < 0;
		}

		private static double side(Waypoint a, Waypoint b, Waypoint p) {
			return (b.getX() - a.getX()) * (p.getY() - a.getY()) - (b.getY() - a.getY()) * (p.getX() - a.getX());
		}

	}

	/** A rectangle of the diagram and what it belongs to. */
	private record Box(String owner, Bounds bounds) {

		boolean overlaps(Box other) {
			Bounds a = this.bounds;
			Bounds b = other.bounds;
			return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
					&& a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
		}

	}

}
