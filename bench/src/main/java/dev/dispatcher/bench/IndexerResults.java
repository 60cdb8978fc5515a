package dev.dispatcher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What one {@code indexer} run measured. */
final class IndexerResults {

    String date;
    String mode;
    double minutes;
    String settings;
    Map<String, String> machine = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    double preloadSeconds = Double.NaN;
    long preloadBytes;
    Cpu.Share preloadCpu;

    double baselineSeconds = Double.NaN;
    long baselineCount = -1;
    final AtomicLong baselineRetries = new AtomicLong();
    Cpu.Share baselineCpu;

    double afterSeconds = Double.NaN;
    long afterCount = -1;
    Cpu.Share afterCpu;

    String indexerCommand;
    double indexerReadySeconds = -1;
    double indexerFirstSeconds = -1;
    double indexerDoneSeconds = -1;
    long indexerCount = -1;
    Cpu.Share indexerCpu;
    IndexerBench.Metrics indexerMetrics;

    /** One /metrics scrape of the indexer: seconds since its JVM started, documents indexed, heap used, lag. */
    record Sample(double seconds, long indexed, long heap, long lag) {
    }

    final List<Sample> heap = new ArrayList<>();
    final List<Sample> heapAfter = new ArrayList<>();

    double indexerSeconds() {
        return indexerDoneSeconds > 0 && indexerFirstSeconds >= 0 ? indexerDoneSeconds - indexerFirstSeconds : Double.NaN;
    }
}
