package dev.dispatcher.store.identify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names a stored file: libmagic first, then the {@link FileFormats} table, the compound-file directory for
 * OLE2 documents, and the text rules for scripts that libmagic calls plain text.
 */
public final class Identifier {

    /** How much of a text file the text rules look at. */
    static final int TEXT_HEAD = 64 * 1024;

    private final LibMagic magic;
    private final FileFormats formats;

    public Identifier(LibMagic magic, FileFormats formats) {
        this.magic = magic;
        this.formats = formats;
    }

    /** Identifies the (complete, spooled) file at {@code path}. */
    public Identification identify(Path path) throws IOException, InterruptedException {
        LibMagic.Result result = magic.identify(path);
        String mime = result.mime();
        String description = result.description();
        FileFormats.Format format;
        if (FileFormats.isOle(mime, description)) {
            FileFormats.Format named = formats.byMagic(mime, description);
            format = named != null ? named : formats.byOle(OleInspector.inspect(path));
        } else {
            format = formats.byMagic(mime, description);
            if (format == null && "text/plain".equals(mime)) {
                format = formats.byText(head(path));
            } else if (format == null && FileFormats.isText(mime)) {
                format = FileFormats.Format.TEXT;
            }
        }
        if (format == null) {
            format = FileFormats.Format.UNKNOWN;
        }
        return new Identification(mime, description, format.format(), format.extension());
    }

    private static String head(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            // ISO-8859-1 maps every byte to one char, so patterns see the bytes of any 8-bit text as they are.
            return new String(in.readNBytes(TEXT_HEAD), StandardCharsets.ISO_8859_1);
        }
    }
}
