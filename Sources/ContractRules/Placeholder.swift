public enum RP {}
