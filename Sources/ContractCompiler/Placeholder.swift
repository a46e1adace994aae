public enum CP {}
