package dev.dispatcher.store.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Blobs as files: {@code <root>/<source>/<label>/<sha256[0..2]>/<sha256[2..4]>/<sha256>}, so no folder holds
 * more than a few thousand entries. A blob is first copied to a hidden temporary file in its final folder and
 * then renamed into place atomically, so a reader sees all of it or nothing, and a crash leaves at most a
 * temporary file ({@code .incoming-*}), never a partial blob.
 */
public final class LocalDiskBackend implements BlobBackend {

    private final Path root;

    public LocalDiskBackend(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store's root folder " + this.root, e);
        }
    }

    @Override
    public String describe() {
        return "local disk " + root;
    }

    /** The file of a key; keys are validated segments, so this stays below the root. */
    Path path(String key) {
        String[] parts = key.split("/");
        if (parts.length != 3 || parts[2].length() < 4) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        String sha256 = parts[2];
        Path path = root.resolve(parts[0]).resolve(parts[1]).resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4)).resolve(sha256).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("key leaves the store: " + key);
        }
        return path;
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path(key), BasicFileAttributes.class);
            return Optional.of(new BlobInfo(attributes.size(), attributes.lastModifiedTime().toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read " + key + " on " + describe(), e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, Path file, long size) {
        Path target = path(key);
        if (Files.exists(target)) {
            return false;
        }
        Path incoming = null;
        try {
            Files.createDirectories(target.getParent());
            incoming = Files.createTempFile(target.getParent(), ".incoming-", ".part");
            Files.copy(file, incoming, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another upload of the same bytes won: the blob is complete either way.
                return false;
            }
            incoming = null;
            return true;
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot write " + key + " on " + describe(), e);
        } finally {
            if (incoming != null) {
                try {
                    Files.deleteIfExists(incoming);
                } catch (IOException ignored) {
                    // a leftover .incoming-* file is harmless and never read
                }
            }
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot read " + key + " on " + describe(), e);
        }
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw new BackendUnavailableException("cannot delete " + key + " on " + describe(), e);
        }
    }

    @Override
    public void check() {
        try {
            Path probe = Files.createTempFile(root, ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new BackendUnavailableException(root + " is not writable", e);
        }
    }
}
