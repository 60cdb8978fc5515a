package dev.dispatcher.store.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference command-line tools the store's digests must agree with: coreutils, {@code ssdeep} (Debian
 * package ssdeep) and {@code tlsh} (Debian package tlsh-tools, TLSH 3.4: no "T1" prefix and nothing under
 * 256 bytes). {@code .ci/run} installs them; a missing tool fails the test and names the package.
 */
public final class ReferenceTools {

    private ReferenceTools() {
    }

    public static String sha256sum(Path file) {
        return firstField(run("sha256sum", file.toString()));
    }

    public static String sha512sum(Path file) {
        return firstField(run("sha512sum", file.toString()));
    }

    public static String sha1sum(Path file) {
        return firstField(run("sha1sum", file.toString()));
    }

    public static String md5sum(Path file) {
        return firstField(run("md5sum", file.toString()));
    }

    /** {@code ssdeep -b}: the hash without the file name, e.g. {@code 96:abc...:def...}. */
    public static String ssdeep(Path file) {
        List<String> lines = run("ssdeep", "-s", "-b", file.toString()).lines().toList();
        assertThat(lines).as("ssdeep output").hasSizeGreaterThanOrEqualTo(2);
        String line = lines.get(1);
        return line.substring(0, line.indexOf(','));
    }

    /** The digest of Debian's {@code tlsh -f}, with the "T1" prefix that TLSH 4 prints; null when it gives none. */
    public static String tlsh(Path file) {
        String out = run("tlsh", "-f", file.toString()).strip();
        String digest = out.split("\\s+")[0];
        return digest.matches("[0-9A-F]{70}") ? "T1" + digest : null;
    }

    /** {@code file -b} and {@code file -b --mime-type}. */
    public static String[] file(Path file) {
        return new String[] {run("file", "-b", file.toString()).strip(),
                run("file", "-b", "--mime-type", file.toString()).strip()};
    }

    private static String firstField(String out) {
        return out.strip().split("\\s+")[0];
    }

    static String run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        try {
            Path output = Files.createTempFile("reference-tool", ".out");
            try {
                Process process = new ProcessBuilder(args).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", args) + " did not finish in 60 s");
                }
                return Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (install the Debian package that has it; "
                    + ".ci/run does: libmagic1 libfuzzy2 ssdeep tlsh-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
