package ai.alignet.ml.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRangesTest {

    @Test
    void everyRangeRunsExactlyOnceAndItsWritesAreVisibleAfterwards() {
        try (ParallelRanges runner = ParallelRanges.open(3, "test")) {
            for (int repeat = 0; repeat < 20; repeat++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(101);
                long[] written = new long[101];
                Set<String> threads = ConcurrentHashMap.newKeySet();
                runner.forEach(101, r -> {
                    runs.incrementAndGet(r);
                    written[r] = r * 7L; // plain writes: visible to the caller once forEach returns
                    threads.add(Thread.currentThread().getName());
                });
                for (int r = 0; r < 101; r++) {
                    assertThat(runs.get(r)).as("range %d", r).isEqualTo(1);
                    assertThat(written[r]).isEqualTo(r * 7L);
                }
                // the caller and at most 2 helpers (the helpers may take every range before the caller starts)
                assertThat(threads).hasSizeLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void slicesCoverTheLengthOnceWithAShorterLastSlice() {
        try (ParallelRanges runner = ParallelRanges.open(2, "test")) {
            AtomicIntegerArray covered = new AtomicIntegerArray(1000);
            Set<Integer> lengths = ConcurrentHashMap.newKeySet();
            runner.forEachSlice(1000, 300, (from, to) -> {
                lengths.add(to - from);
                for (int i = from; i < to; i++) {
                    covered.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 1000; i++) {
                assertThat(covered.get(i)).as("index %d", i).isEqualTo(1);
            }
            assertThat(lengths).containsExactlyInAnyOrder(300, 100);
            runner.forEachSlice(0, 300, (from, to) -> {
                throw new AssertionError("no slice of an empty length");
            });
            assertThatThrownBy(() -> runner.forEachSlice(10, 0, (from, to) -> {}))
                    .hasMessageContaining("sliceLength must be >= 1, got 0");
        }
    }

    private final String callerName = Thread.currentThread().getName();

    @Test
    void oneThreadRunsOnTheCallerInRangeOrder() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelRanges runner = ParallelRanges.open(1, "test")) {
            runner.forEach(5, r -> {
                assertThat(Thread.currentThread().getName()).isEqualTo(callerName);
                order.add(r);
            });
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> ParallelRanges.open(0, "test")).hasMessageContaining("threads must be >= 1, got 0");
    }

    @Test
    void aFailingRangeFailsTheCallWithItsOwnExceptionAndTheRunnerStaysUsable() {
        try (ParallelRanges runner = ParallelRanges.open(2, "test")) {
            for (int failing : new int[] {0, 37, 99}) {
                assertThatThrownBy(() -> runner.forEach(100, r -> {
                    if (r == failing) {
                        throw new IllegalArgumentException("range " + r + " is bad");
                    }
                })).isInstanceOf(IllegalArgumentException.class).hasMessage("range " + failing + " is bad");
            }
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            runner.forEach(10, runs::incrementAndGet);
            for (int r = 0; r < 10; r++) {
                assertThat(runs.get(r)).isEqualTo(1);
            }
        }
    }
}
