package ai.alignet.storage; final class Placeholder {}
