package dev.dispatcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures were measured on. */
final class Machine {

    private Machine() {
    }

    static Map<String, String> describe(Cpu cpu, Path toolsLog, Path kafkaLib) throws InterruptedException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors() + " (nproc)" + cpuModel());
        m.put("memory", memory());
        m.put("os", os());
        m.put("java", javaVersion(toolsLog));
        m.put("kafka", kafkaVersion(kafkaLib));
        // Was the machine quiet when we started? Two seconds of /proc/stat say.
        Cpu.Snapshot a = cpu.snapshot();
        Thread.sleep(2000);
        Cpu.Share share = cpu.between(a, cpu.snapshot());
        m.put("load at start", String.format("%s (loadavg); %.2f cores busy over 2 s, %.2f of them outside the broker and api",
                read("/proc/loadavg").split(" ").length >= 3 ? String.join(" ", List.of(read("/proc/loadavg").split(" ")).subList(0, 3)) : "?",
                share.cores().getOrDefault("machine", 0.0),
                share.cores().getOrDefault("other", 0.0) + share.cores().getOrDefault("harness", 0.0)));
        return m;
    }

    private static String kafkaVersion(Path lib) {
        try (var files = Files.list(lib)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("kafka-clients-.*\\.jar"))
                    .map(f -> f.substring("kafka-clients-".length(), f.length() - 4)).findFirst().orElse("?")
                    + " (broker and perf tools: deploy/kafka-server's classpath)";
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return ", " + line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    private static String memory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "?";
    }

    private static String os() {
        String pretty = "?";
        for (String line : read("/etc/os-release").split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return pretty + ", kernel " + read("/proc/sys/kernel/osrelease").trim();
    }

    private static String javaVersion(Path toolsLog) throws InterruptedException {
        try {
            Tools.Result r = Tools.run(toolsLog, Duration.ofSeconds(30), Tools.jdkTool("java"), "-version");
            return String.join("; ", r.lines()).trim() + " (" + System.getProperty("java.home") + ")";
        } catch (IOException e) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
