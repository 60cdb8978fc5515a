package dev.dispatcher.store.backend;

/** The blob asked for is not there (any more). */
public class BlobNotFoundException extends RuntimeException {

    public BlobNotFoundException(String key) {
        super("no blob " + key);
    }
}
