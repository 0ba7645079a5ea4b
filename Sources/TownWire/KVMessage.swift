public enum TownWirePlaceholder {}
