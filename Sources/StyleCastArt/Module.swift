// Procedural RPG Maker style character art: attributes, walk sheets and face portraits.
