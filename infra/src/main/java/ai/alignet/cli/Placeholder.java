package ai.alignet.cli; final class Placeholder {}
