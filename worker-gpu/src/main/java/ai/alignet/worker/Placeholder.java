package ai.alignet.worker; final class Placeholder {}
