package ai.alignet.ml.world;

/** A basic category (an object shape) and the superordinate it belongs to. */
public record Category(int id, String name, int superordinate, String superordinateName) {}
