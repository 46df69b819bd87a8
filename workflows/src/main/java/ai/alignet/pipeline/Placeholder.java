package ai.alignet.pipeline; final class Placeholder {}
