public enum TownMergePlaceholder {}
