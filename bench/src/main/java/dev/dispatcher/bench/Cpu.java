package dev.dispatcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the CPU went during a phase, from {@code /proc}: cores used by the broker, the api and this
 * harness, and by everything else (Kafka's perf tools, other work on the machine).
 */
final class Cpu {

    private final Map<String, Long> pids;
    private final long ticksPerSecond;

    Cpu(Map<String, Long> pids) {
        this.pids = pids;
        this.ticksPerSecond = clockTicks();
    }

    record Snapshot(long nanos, long busy, long total, Map<String, Long> processTicks) {
    }

    /** Cores used (1.0 = one core fully busy) per process, plus {@code other} and {@code machine}. */
    record Share(Map<String, Double> cores, double seconds) {

        String describe() {
            StringBuilder s = new StringBuilder();
            cores.forEach((name, c) -> s.append(s.isEmpty() ? "" : ", ").append(name).append(' ')
                    .append(String.format("%.2f", c)));
            return s + " cores";
        }
    }

    Snapshot snapshot() {
        long busy = 0;
        long total = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) {
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: machine figures stay 0
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, processTicks(pid)));
        return new Snapshot(System.nanoTime(), busy, total, ticks);
    }

    Share between(Snapshot a, Snapshot b) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        double known = 0;
        for (String name : pids.keySet()) {
            long ta = a.processTicks().getOrDefault(name, -1L);
            long tb = b.processTicks().getOrDefault(name, -1L);
            if (ta >= 0 && tb >= ta && seconds > 0) {
                double c = (tb - ta) / (double) ticksPerSecond / seconds;
                cores.put(name, c);
                known += c;
            }
        }
        long totalDelta = b.total() - a.total();
        double machine = totalDelta > 0 ? (b.busy() - a.busy()) / (double) totalDelta * Runtime.getRuntime().availableProcessors() : 0;
        cores.put("other", Math.max(0, machine - known));
        cores.put("machine", machine);
        return new Share(cores, seconds);
    }

    private static long processTicks(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
