package dev.dispatcher.store.identify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the directory of an OLE2 compound file (MS-CFB): the names of its streams and the class id of its
 * root storage, which say whether it is a Word, Excel or PowerPoint file when libmagic cannot. The file is
 * hostile input: every offset is checked against the file, chains are bounded and loops detected, and any
 * inconsistency ends the inspection with what was read so far.
 */
final class OleInspector {

    private static final long SIGNATURE = 0xE11AB1A1E011CFD0L; // D0 CF 11 E0 A1 B1 1A E1, read little-endian
    private static final int HEADER_SIZE = 512;
    private static final int DIRECTORY_ENTRY = 128;
    private static final int MAX_DIRECTORY_SECTORS = 256;
    private static final int END_OF_CHAIN = 0xFFFFFFFE;
    private static final int HEADER_DIFAT_ENTRIES = 109;

    /** What the directory holds. */
    record Directory(UUID rootClass, Set<String> streams) {
    }

    private OleInspector() {
    }

    /** The directory of {@code path}, or {@code null} when it is not a readable compound file. */
    static Directory inspect(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(channel);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Directory read(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer header = readAt(channel, 0, HEADER_SIZE, size);
        if (header == null || header.getLong(0) != SIGNATURE) {
            return null;
        }
        int shift = Short.toUnsignedInt(header.getShort(30));
        if (shift != 9 && shift != 12) {
            return null;
        }
        int sectorSize = 1 << shift;
        int firstDirectorySector = header.getInt(48);
        int[] fatSectors = new int[HEADER_DIFAT_ENTRIES];
        for (int i = 0; i < HEADER_DIFAT_ENTRIES; i++) {
            fatSectors[i] = header.getInt(76 + 4 * i);
        }
        int entriesPerFatSector = sectorSize / 4;

        UUID rootClass = null;
        Set<String> streams = new LinkedHashSet<>();
        Set<Integer> visited = new HashSet<>();
        int sector = firstDirectorySector;
        boolean first = true;
        while (sector >= 0 && visited.size() < MAX_DIRECTORY_SECTORS && visited.add(sector)) {
            ByteBuffer directory = readAt(channel, (long) (sector + 1) * sectorSize, sectorSize, size);
            if (directory == null) {
                break;
            }
            for (int offset = 0; offset + DIRECTORY_ENTRY <= sectorSize; offset += DIRECTORY_ENTRY) {
                int type = directory.get(offset + 66);
                if (first && offset == 0 && type == 5) {
                    rootClass = uuid(directory, offset + 80);
                } else if (type == 2) {
                    String name = name(directory, offset);
                    if (name != null) {
                        streams.add(name);
                    }
                }
            }
            first = false;
            int fatIndex = sector / entriesPerFatSector;
            if (fatIndex >= HEADER_DIFAT_ENTRIES || fatSectors[fatIndex] < 0) {
                break;
            }
            ByteBuffer next = readAt(channel,
                    (long) (fatSectors[fatIndex] + 1) * sectorSize + 4L * (sector % entriesPerFatSector), 4, size);
            if (next == null) {
                break;
            }
            sector = next.getInt(0);
            if (sector == END_OF_CHAIN) {
                break;
            }
        }
        return new Directory(rootClass, streams);
    }

    private static String name(ByteBuffer entry, int offset) {
        int length = Short.toUnsignedInt(entry.getShort(offset + 64));
        if (length < 2 || length > 64 || length % 2 != 0) {
            return null;
        }
        byte[] utf16 = new byte[length - 2];
        entry.get(offset, utf16);
        return new String(utf16, StandardCharsets.UTF_16LE);
    }

    private static UUID uuid(ByteBuffer entry, int offset) {
        long d1 = Integer.toUnsignedLong(entry.getInt(offset));
        long d2 = Short.toUnsignedLong(entry.getShort(offset + 4));
        long d3 = Short.toUnsignedLong(entry.getShort(offset + 6));
        long high = (d1 << 32) | (d2 << 16) | d3;
        long low = entry.order(ByteOrder.BIG_ENDIAN).getLong(offset + 8);
        entry.order(ByteOrder.LITTLE_ENDIAN);
        return new UUID(high, low);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length, long size) throws IOException {
        if (position < 0 || position + length > size) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }
}
