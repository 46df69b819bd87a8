package ai.alignet.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.autoscale.ScalingDecision.Reason;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PoolConfig POOL = PoolConfig.of("alignet-gpu", "alignet", "worker-gpu", 0, 4)
            .withTiming(Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final ScalingPolicy policy = new ScalingPolicy(POOL);

    @Test
    void scalesUpAtOnceToTheBacklogCappedAtMax() {
        assertThat(policy.decide(new PoolObservation(3, 0, 0, 0), T0))
                .extracting(ScalingDecision::desired, ScalingDecision::reason).containsExactly(3, Reason.SCALE_UP);
        assertThat(policy.decide(new PoolObservation(50, 0, 0, 3), T0.plusSeconds(15)).desired()).isEqualTo(4);
    }

    @Test
    void idlePoolGoesToZeroOnlyAfterTheCooldown() {
        ScalingDecision early = policy.decide(new PoolObservation(0, 0, 0, 2), T0);
        ScalingDecision almost = policy.decide(new PoolObservation(0, 0, 0, 2), T0.plus(Duration.ofMinutes(10)).minusSeconds(1));
        ScalingDecision after = policy.decide(new PoolObservation(0, 0, 0, 2), T0.plus(Duration.ofMinutes(10)));

        assertThat(early.reason()).isEqualTo(Reason.HOLD_STABILISING);
        assertThat(almost.desired()).isEqualTo(2);
        assertThat(after).extracting(ScalingDecision::desired, ScalingDecision::reason).containsExactly(0, Reason.IDLE_TO_MIN);
    }

    @Test
    void workArrivingRestartsTheCooldown() {
        policy.decide(new PoolObservation(0, 0, 0, 1), T0);
        policy.decide(new PoolObservation(1, 0, 0, 1), T0.plus(Duration.ofMinutes(9)));
        ScalingDecision at10 = policy.decide(new PoolObservation(0, 0, 0, 1), T0.plus(Duration.ofMinutes(10)));
        ScalingDecision at19 = policy.decide(new PoolObservation(0, 0, 0, 1), T0.plus(Duration.ofMinutes(19)));
        ScalingDecision at20 = policy.decide(new PoolObservation(0, 0, 0, 1), T0.plus(Duration.ofMinutes(20)));

        assertThat(at10.desired()).isEqualTo(1);
        assertThat(at19.desired()).isEqualTo(1);
        assertThat(at20.desired()).isZero();
    }

    @Test
    void neverShrinksWhileAPodIsBusyEvenWhenTheBacklogIsGone() {
        // 4 pods, one still training: a Deployment scale-down could kill that one, so hold.
        ScalingDecision decision = policy.decide(new PoolObservation(0, 1, 1, 4), T0.plus(Duration.ofHours(3)));
        ScalingDecision later = policy.decide(new PoolObservation(0, 1, 1, 4), T0.plus(Duration.ofHours(30)));

        assertThat(decision).extracting(ScalingDecision::desired, ScalingDecision::reason).containsExactly(4, Reason.HOLD_BUSY);
        assertThat(later.desired()).isEqualTo(4);
    }

    @Test
    void keepsEveryBusyPodEvenAboveMax() {
        ScalingPolicy small = new ScalingPolicy(PoolConfig.of("alignet-gpu", "alignet", "worker-gpu", 0, 2));
        assertThat(small.decide(new PoolObservation(0, 3, 3, 3), T0).desired()).isEqualTo(3);
    }

    @Test
    void addsPodsForTheBacklogOnTopOfBusyOnes() {
        assertThat(policy.decide(new PoolObservation(2, 1, 1, 1), T0).desired()).isEqualTo(3);
    }

    @Test
    void countsSlotsPerPod() {
        ScalingPolicy twoSlots = new ScalingPolicy(new PoolConfig("alignet-gpu-h100", "alignet", "worker-gpu-h100", 0, 8, 2,
                Duration.ZERO, Duration.ZERO));
        assertThat(twoSlots.decide(new PoolObservation(5, 0, 0, 0), T0).desired()).isEqualTo(3);
    }

    @Test
    void dampsABacklogThatComesAndGoes() {
        int changes = 0;
        int replicas = 0;
        for (int tick = 0; tick < 40; tick++) {
            long backlog = tick % 2 == 0 ? 4 : 1;
            ScalingDecision d = policy.decide(new PoolObservation(backlog, 0, 0, replicas), T0.plusSeconds(tick * 5L));
            if (d.changes()) {
                changes++;
                replicas = d.desired();
            }
        }
        assertThat(replicas).isEqualTo(4);
        assertThat(changes).as("one scale-up, then held by the window").isEqualTo(1);
    }

    @Test
    void scalesDownOnceTheWindowHasOnlySmallerRecommendations() {
        policy.decide(new PoolObservation(4, 0, 0, 0), T0);
        ScalingDecision inWindow = policy.decide(new PoolObservation(1, 0, 0, 4), T0.plus(Duration.ofMinutes(4)));
        ScalingDecision afterWindow = policy.decide(new PoolObservation(1, 0, 0, 4), T0.plus(Duration.ofMinutes(6)));

        assertThat(inWindow.reason()).isEqualTo(Reason.HOLD_STABILISING);
        assertThat(afterWindow).extracting(ScalingDecision::desired, ScalingDecision::reason).containsExactly(1, Reason.SCALE_DOWN);
    }

    @Test
    void respectsMin() {
        ScalingPolicy warm = new ScalingPolicy(PoolConfig.of("alignet-gpu", "alignet", "worker-gpu", 1, 4)
                .withTiming(Duration.ZERO, Duration.ZERO));
        assertThat(warm.decide(new PoolObservation(0, 0, 0, 0), T0).desired()).isEqualTo(1);
        assertThat(warm.decide(new PoolObservation(0, 0, 0, 3), T0.plusSeconds(1)).desired()).isEqualTo(1);
    }

    @Test
    void rejectsABadConfigWithAnActionableMessage() {
        assertThatThrownBy(() -> PoolConfig.of("alignet-gpu", "alignet", "worker-gpu", 3, 2))
                .hasMessageContaining("max replicas must be >= 1 and >= min (3), got 2");
    }
}
