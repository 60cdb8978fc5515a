package dev.dispatcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Child processes (bounded in time, killed with the harness), console output, small helpers. */
final class Tools {

    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();
    private static volatile PrintStream copy;

    private Tools() {
    }

    /** A benchmark run on its parsed options, answering the process's exit code. */
    interface Run<O> {
        int run(O options) throws Exception;
    }

    /**
     * What every benchmark's {@code main} does: {@code --help}, options (exit 2 with the reason when
     * they do not parse), the log folder and a copy of the console in it, no child process left
     * behind, then the run and its exit code.
     */
    static <O> void launch(String[] args, String usage, Function<String[], O> parse, Function<O, Path> work, Run<O> run)
            throws Exception {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage);
            return;
        }
        O options;
        try {
            options = parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(work.apply(options).resolve("logs"));
        tee(work.apply(options).resolve("logs/bench.log"));
        killChildrenOnExit();
        System.exit(run.run(options));
    }

    /** Everything printed also goes to this file. */
    static void tee(Path file) throws IOException {
        copy = new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true,
                StandardCharsets.UTF_8);
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
        PrintStream c = copy;
        if (c != null) {
            c.println(line);
        }
    }

    /** On exit (normal, SIGTERM from ./dispatcher, Ctrl-C): no tool of ours outlives the harness. */
    static void killChildrenOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : CHILDREN) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
            for (Process p : CHILDREN) {
                try {
                    if (!p.waitFor(3, TimeUnit.SECONDS)) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "bench-children-cleanup"));
    }

    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Output lines and exit code of a finished child; {@code timedOut} when it was killed at its limit. */
    record Result(int exitCode, boolean timedOut, List<String> lines) {

        String tail(int n) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** Runs a command to completion (killed after {@code limit}), its output appended to {@code log}. */
    static Result run(Path log, Duration limit, String... command) throws IOException, InterruptedException {
        return run(log, limit, Arrays.asList(command));
    }

    static Result run(Path log, Duration limit, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(log.getParent(), "run-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            CHILDREN.add(p);
            boolean timedOut = false;
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        p.waitFor(5, TimeUnit.SECONDS);
                    }
                }
            } finally {
                CHILDREN.remove(p);
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<String> logged = new ArrayList<>();
            logged.add("$ " + String.join(" ", command));
            logged.addAll(lines);
            logged.add("(exit " + (timedOut ? "killed after " + limit.toSeconds() + " s" : p.exitValue()) + ")");
            logged.add("");
            Files.write(log, logged, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Result(timedOut ? -1 : p.exitValue(), timedOut, lines);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** A JVM on Kafka's classpath (deploy/kafka-server/target/lib) running one of its tools. */
    static List<String> kafkaTool(Path kafkaLib, String heap, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(jdkTool("java"), "-Xmx" + heap, "-Djava.awt.headless=true",
                "-cp", kafkaLib.toAbsolutePath() + "/*", mainClass));
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(0, d.toMillis()));
    }
}
