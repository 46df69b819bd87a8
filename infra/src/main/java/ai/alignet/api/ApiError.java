package ai.alignet.api;

import java.util.List;

/** The body of every error answer: the HTTP status, a short reason, a message and the bad fields. */
public record ApiError(int status, String error, String message, List<String> fields) {}
