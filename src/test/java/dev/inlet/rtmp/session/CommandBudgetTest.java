package dev.inlet.rtmp.session;

import dev.inlet.rtmp.LimitExceededException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAllowedThenTheRateHolds() {
        CommandBudget budget = new CommandBudget(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            budget.spend(0);
        }
        assertThatThrownBy(() -> budget.spend(0)).isInstanceOfSatisfying(LimitExceededException.class,
                e -> assertThat(e.limit()).isEqualTo("command_flood"));
    }

    @Test
    void tokensComeBackWithTimeButNeverBeyondTheBurst() {
        CommandBudget budget = new CommandBudget(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            budget.spend(0);
        }
        budget.spend(SECOND / 10); // one token after 100 ms
        assertThatThrownBy(() -> budget.spend(SECOND / 10)).isInstanceOf(LimitExceededException.class);
        long later = 100 * SECOND;
        for (int i = 0; i < 5; i++) {
            budget.spend(later);
        }
        assertThatThrownBy(() -> budget.spend(later)).isInstanceOf(LimitExceededException.class);
    }

    @Test
    void aSteadyRateAtTheLimitIsFine() {
        CommandBudget budget = new CommandBudget(10, 1, 0);
        for (int i = 1; i <= 1000; i++) {
            budget.spend(i * SECOND / 10);
        }
    }

    @Test
    void zeroMeansUnlimited() {
        CommandBudget budget = new CommandBudget(0, 1, 0);
        for (int i = 0; i < 10_000; i++) {
            budget.spend(0);
        }
    }
}
