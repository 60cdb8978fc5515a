package dev.dispatcher.store.backend;

/** The backend could not be reached or refused to work: the caller gets 503, nothing is half-stored. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
