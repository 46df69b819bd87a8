package ai.alignet.ml.world;

/**
 * One image of the synthetic world, described rather than stored: its category (the shape), the
 * appearance cues drawn independently of that category (colour, texture), and the seed that fixes the
 * remaining jitter (position, size, rotation, background tint) when it is rendered.
 */
public record WorldImage(String id, int category, int superordinate, int colour, int texture, long renderSeed) {}
