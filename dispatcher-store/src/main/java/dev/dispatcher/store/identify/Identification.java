package dev.dispatcher.store.identify;

/**
 * What a file is: libmagic's MIME type and description, and the format and extension of the taxonomy
 * plugins filter on ({@code extension} may be {@code null}).
 */
public record Identification(String mime, String magic, String fileFormat, String fileExtension) {
}
