package ai.alignet.pipeline.stages;

/** Prepare one base backbone: {@code role} is "teacher" or "student". */
public record BackboneRequest(StageContext context, String role, String name, String backbone, long seed) {}
