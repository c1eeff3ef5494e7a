package org.soc.runbook.tenant;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Tests for {@link TenantHttp#bind}: how an answer becomes its payload record. */
class TenantHttpBindTests {

	private final ObjectMapper json = new ObjectMapper();

	private final TenantHttp http = new TenantHttp(null, null, null, null, this.json);

	@Test
	void anAnswerThatIsNoObjectHasNoneOfTheFields() throws Exception {
		assertThat(this.http.bind((JsonNode) null, Payload.class))
			.isEqualTo(new Payload(null, 0));
		assertThat(this.http.bind(this.json.readTree("null"), Payload.class)).isEqualTo(new Payload(null, 0));
		assertThat(this.http.bind(this.json.readTree("\"stray\""), Payload.class)).isEqualTo(new Payload(null, 0));
		assertThat(this.http.bind(List.of(this.json.readTree("{\"id\":\"a\",\"count\":2}"), this.json.readTree("[]")),
				Payload.class))
			.containsExactly(new Payload("a", 2), new Payload(null, 0));
	}

	@Test
	void aShapeTheRecordCannotTakeIsRefusedWithoutTheTenantsText() throws Exception {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.http.bind(this.json.readTree("{\"count\":\"secret-ish text\"}"), Payload.class))
			.withMessage("the answer does not read as a Payload");
	}

	record Payload(String id, int count) {
	}

}
