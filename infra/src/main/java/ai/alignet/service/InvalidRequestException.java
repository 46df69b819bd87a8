package ai.alignet.service;

import java.util.List;

/** A request the caller can fix: names what is wrong with each input it sent. */
public final class InvalidRequestException extends RuntimeException {

    private final List<String> fields;

    public InvalidRequestException(String message, List<String> fields) {
        super(message);
        this.fields = List.copyOf(fields);
    }

    public InvalidRequestException(String message) {
        this(message, List.of());
    }

    public List<String> fields() {
        return fields;
    }
}
