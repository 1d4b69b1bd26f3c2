package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.LimitExceededException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReassemblyBudgetTest {

    private final List<String> evicted = new ArrayList<>();

    @Test
    void aConnectionOverItsOwnLimitIsRefusedAndChargedNothing() {
        ReassemblyBudget budget = new ReassemblyBudget(1_000, 100);
        ReassemblyBudget.Account account = budget.open(() -> evicted.add("a"));
        account.reserve(60);

        assertThatThrownBy(() -> account.reserve(41))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo("memory_budget"))
                .hasMessageContaining("per-connection limit of 100");
        assertThat(account.held()).isEqualTo(60);
        assertThat(budget.held()).isEqualTo(60);
        assertThat(evicted).isEmpty();
    }

    @Test
    void whenTheTotalIsFullTheLargestHolderIsEvictedNotTheSmallConnectionAsking() {
        ReassemblyBudget budget = new ReassemblyBudget(100, 100);
        ReassemblyBudget.Account parked = budget.open(() -> evicted.add("parked"));
        ReassemblyBudget.Account other = budget.open(() -> evicted.add("other"));
        ReassemblyBudget.Account encoder = budget.open(() -> evicted.add("encoder"));
        parked.reserve(70);
        other.reserve(20);

        encoder.reserve(30);

        assertThat(evicted).containsExactly("parked");
        assertThat(budget.evictions()).isEqualTo(1);
        assertThatThrownBy(() -> parked.reserve(1)).isInstanceOf(LimitExceededException.class);
        parked.close(); // what the evicted connection's close does
        assertThat(budget.held()).isEqualTo(50);
        assertThat(encoder.held()).isEqualTo(30);
    }

    @Test
    void theAskingConnectionIsRefusedWhenItHoldsTheMost() {
        ReassemblyBudget budget = new ReassemblyBudget(100, 100);
        ReassemblyBudget.Account greedy = budget.open(() -> evicted.add("greedy"));
        ReassemblyBudget.Account small = budget.open(() -> evicted.add("small"));
        small.reserve(10);
        greedy.reserve(80);

        assertThatThrownBy(() -> greedy.reserve(20))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("server's limit of 100");
        assertThat(evicted).isEmpty();
        assertThat(budget.held()).isEqualTo(90);
    }

    @Test
    void bytesBeingFreedByAnEvictedConnectionAreNotEvictedForTwice() {
        ReassemblyBudget budget = new ReassemblyBudget(100, 100);
        ReassemblyBudget.Account first = budget.open(() -> evicted.add("first"));
        ReassemblyBudget.Account second = budget.open(() -> evicted.add("second"));
        ReassemblyBudget.Account third = budget.open(() -> evicted.add("third"));
        first.reserve(60);
        second.reserve(35);
        third.reserve(10); // 105: the first is evicted, its close not yet processed
        third.reserve(5);  // 110, of which 60 are on their way out: nobody else is evicted

        assertThat(evicted).containsExactly("first");
    }

    @Test
    void closingFreesEverythingOnceAndLaterReleasesChangeNothing() {
        ReassemblyBudget budget = new ReassemblyBudget(1_000, 1_000);
        ReassemblyBudget.Account account = budget.open(() -> { });
        account.reserve(300);
        account.release(100);

        account.close();
        account.close();
        account.release(200);

        assertThat(budget.held()).isZero();
        assertThatThrownBy(() -> account.reserve(1)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void theDefaultTotalIsAQuarterOfTheHeap() {
        ReassemblyBudget budget = ChunkLimits.defaults().newBudget();

        assertThat(budget.totalLimit()).isEqualTo(Runtime.getRuntime().maxMemory() / 4);
        assertThat(budget.perConnectionLimit()).isEqualTo(32L * 1024 * 1024);
    }
}
