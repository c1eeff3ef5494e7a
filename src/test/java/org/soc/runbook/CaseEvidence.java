package org.soc.runbook;

import org.camunda.spin.json.SpinJsonNode;
import org.soc.runbook.cases.CaseVariables;
import org.soc.runbook.cases.CaseVariables.EvidenceSummary;

/** Reads the case's evidence document ({@link CaseVariables#EVIDENCE}) as the engine hands it to a test. */
public final class CaseEvidence {

	private CaseEvidence() {
	}

	/** A field of the evidence in words ({@link EvidenceSummary}), or null when the document has none. */
	public static String summary(Object evidence, String field) {
		SpinJsonNode summary = ((SpinJsonNode) evidence).prop(EvidenceSummary.OBJECT);
		return summary.hasProp(field) ? summary.prop(field).stringValue() : null;
	}

}
