// No plugins: the sample project runs on the plain RPG Maker MV runtime.
var $plugins = [];
