package org.soc.runbook.tenant;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link InPlaceWaits}: which throttled calls may keep a job thread asleep, and which park their jobs. */
class InPlaceWaitsTests {

	private final InPlaceWaits waits = new InPlaceWaits(16);

	@Test
	void oneTenantThrottledAloneMayHaveEveryThreadWaitInPlace() {
		assertThat(IntStream.range(0, 16).allMatch((i) -> this.waits.enter("contoso"))).isTrue();
		assertThat(this.waits.enter("contoso")).as("no thread is left").isFalse();
		assertThat(this.waits.asleep()).isEqualTo(16);
	}

	@Test
	void severalTenantsThrottledAtOnceEachGetAnEqualShareOfTheThreads() {
		assertThat(this.waits.enter("contoso")).isTrue();
		assertThat(enterAll("fabrikam")).as("half of the threads, with two tenants asleep").isEqualTo(8);
		assertThat(enterAll("northwind")).as("a third").isEqualTo(5);
		assertThat(enterAll("tailspin")).as("what is left of the sixteen").isEqualTo(2);
		assertThat(this.waits.asleep()).isEqualTo(16);
		assertThat(this.waits.enter("contoso")).as("every thread asleep: even a tenant under its share parks")
			.isFalse();
	}

	@Test
	void aTenantThatHadEveryThreadGivesItsShareUpAsItsThreadsWake() {
		enterAll("contoso");
		assertThat(this.waits.enter("fabrikam")).as("every thread is asleep for contoso").isFalse();

		this.waits.leave("contoso");
		assertThat(this.waits.enter("fabrikam")).as("the first thread to wake").isTrue();
		assertThat(this.waits.enter("contoso")).as("contoso has more than its half asleep").isFalse();

		IntStream.range(0, 7).forEach((i) -> this.waits.leave("contoso"));
		assertThat(this.waits.enter("contoso")).as("eight asleep: its half exactly").isFalse();
		this.waits.leave("contoso");
		assertThat(this.waits.enter("contoso")).as("under its half again").isTrue();
	}

	@Test
	void aTenantWhoseThreadsAllWokeIsNoLongerCountedInTheShares() {
		this.waits.enter("contoso");
		this.waits.enter("fabrikam");
		this.waits.leave("fabrikam");
		this.waits.leave("fabrikam");

		assertThat(enterAll("contoso")).as("alone again: every thread but the one it has").isEqualTo(15);
	}

	@Test
	void evenAThreadPoolSmallerThanTheTenantsLetsEachTenantWaitOnceInTurn() {
		InPlaceWaits two = new InPlaceWaits(2);
		assertThat(two.enter("contoso")).isTrue();
		assertThat(two.enter("fabrikam")).isTrue();
		assertThat(two.enter("northwind")).as("both threads asleep").isFalse();
		two.leave("contoso");
		assertThat(two.enter("northwind")).isTrue();
	}

	private int enterAll(String tenant) {
		int entered = 0;
		while (this.waits.enter(tenant)) {
			entered++;
		}
		return entered;
	}

}
