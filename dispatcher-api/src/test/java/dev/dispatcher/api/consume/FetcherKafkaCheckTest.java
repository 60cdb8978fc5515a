package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.dispatcher.common.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

/**
 * The fetch path's broker check asks the broker once however many fetches need its verdict at the same
 * moment. The Admin client is a mock here (its answer must be held back); KafkaDownFetchTest and every
 * fetch test cover the check against a real broker, reachable or not.
 */
class FetcherKafkaCheckTest {

    private final Admin admin = mock(Admin.class);
    private final KafkaFutureImpl<Collection<Node>> answer = new KafkaFutureImpl<>();
    private final Fetcher fetcher = new Fetcher(null, admin, null);

    FetcherKafkaCheckTest() {
        DescribeClusterResult result = mock(DescribeClusterResult.class);
        when(result.nodes()).thenReturn(answer);
        when(admin.describeCluster(any(DescribeClusterOptions.class))).thenReturn(result);
    }

    @Test
    void concurrentFetchesShareOneCheckAndItsVerdict() throws Exception {
        List<Future<Object>> fetches = startFetches(50);
        answer.complete(List.of(new Node(0, "localhost", 9092)));
        for (Future<Object> fetch : fetches) {
            assertThat(fetch.get(5, TimeUnit.SECONDS)).isEqualTo("admitted");
        }
        verify(admin, times(1)).describeCluster(any(DescribeClusterOptions.class));
    }

    @Test
    void aBrokerNeverSeenThatFailsItsCheckRefusesEveryWaitingFetch() throws Exception {
        List<Future<Object>> fetches = startFetches(20);
        answer.completeExceptionally(new TimeoutException("no broker"));
        for (Future<Object> fetch : fetches) {
            assertThat(fetch.get(5, TimeUnit.SECONDS)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(503));
        }
        verify(admin, times(1)).describeCluster(any(DescribeClusterOptions.class));
    }

    /**
     * Fetches that each call the check at the same moment; each ends "admitted" or with the exception it got.
     * Returns once every one of them waits inside the check (for the broker's answer, or for the check another
     * one runs), the answer still held back.
     */
    private List<Future<Object>> startFetches(int n) {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> fetches = new ArrayList<>();
        List<Thread> fetching = new CopyOnWriteArrayList<>();
        for (int i = 0; i < n; i++) {
            fetches.add(threads.submit(() -> {
                fetching.add(Thread.currentThread());
                start.await();
                try {
                    fetcher.requireKafka();
                    return "admitted";
                } catch (ApiException e) {
                    return e;
                }
            }));
        }
        start.countDown();
        threads.shutdown();
        await().atMost(Duration.ofSeconds(10)).until(() -> fetching.size() == n
                && fetching.stream().allMatch(FetcherKafkaCheckTest::waitsInTheCheck));
        return fetches;
    }

    private static boolean waitsInTheCheck(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("requireKafka"));
    }
}
