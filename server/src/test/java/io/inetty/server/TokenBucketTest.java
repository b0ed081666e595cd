package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void burstThenEmpty() {
        // 1 token a second: nothing refills measurably during the test.
        TokenBucket b = new TokenBucket(1, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(b.tryTake(1)).isTrue();
        }
        assertThat(b.tryTake(1)).isFalse();
        assertThat(b.isFull()).isFalse();
    }

    @Test
    void replyBudgetIsPerSource() throws Exception {
        ReplyBudget budget = new ReplyBudget(100);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(budget.tryTake(a, 200)).isTrue();
        assertThat(budget.tryTake(a, 50)).isFalse();
        assertThat(budget.tryTake(b, 150)).isTrue();
        assertThat(budget.sources()).isEqualTo(2);
        budget.sweep();
        // Both spent part of their budget: neither is idle yet.
        assertThat(budget.sources()).isEqualTo(2);
    }
}
