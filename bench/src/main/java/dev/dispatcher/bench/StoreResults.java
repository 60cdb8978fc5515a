package dev.dispatcher.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one store run measured; a phase that failed leaves its figures out and says why in {@link #problems}. */
final class StoreResults {

    /** {@code files} transfers of one kind at one concurrency level; MB/s = 10^6 bytes per second of wall time. */
    record Transfer(String kind, int concurrency, int files, long bytes, double seconds, double medianMs, double maxMs,
                    int errors, String firstError) {

        double mbPerSec() {
            return seconds > 0 ? bytes / 1e6 / seconds : 0;
        }
    }

    /** One hashing variant: median time of its repeats over {@code bytes}. */
    record Hash(String key, String label, long bytes, long nanos) {

        double mbPerSec() {
            return nanos > 0 ? bytes / 1e6 / (nanos / 1e9) : 0;
        }
    }

    String date;
    String mode;
    double minutes;
    Map<String, String> machine = new LinkedHashMap<>();
    final List<Transfer> transfers = new ArrayList<>();
    /** Mean ms per store operation (its dispatcher_data_operation timer), per measured phase. */
    final Map<String, Map<String, Double>> operations = new LinkedHashMap<>();
    final Map<String, Cpu.Share> cpu = new LinkedHashMap<>();
    final Map<String, Hash> hashes = new LinkedHashMap<>();
    String hashInfo;
    String sampleAnswer;
    final List<String> problems = new ArrayList<>();

    synchronized void add(Transfer t) {
        transfers.add(t);
    }

    Transfer transfer(String kind, int concurrency) {
        for (Transfer t : transfers) {
            if (t.kind().equals(kind) && t.concurrency() == concurrency) {
                return t;
            }
        }
        return null;
    }
}
