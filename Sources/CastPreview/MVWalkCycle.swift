import RPGMakerFormat

/// How RPG Maker MV animates a walking character, so the preview walks at the game's pace.
/// From corescript's Game_CharacterBase: `animationWait()` is `(9 - realMoveSpeed) * 3` frames,
/// and while a character walks with walk animation on, `updateAnimationCount` adds 1.5 a frame
/// (1 a frame when it only steps in place). At the default move speed 4 that is 15 / 1.5 = 10
/// frames of the 60 fps game loop per pattern. `_pattern` starts at 1 and counts 1, 2, 3, 0 with
/// `pattern()` showing 3 as 1, so the columns shown are 1, 2, 1, 0, over and over.
enum MVWalkCycle {
    /// The sheet columns in the order MV shows them, starting from the standing pose.
    static let patternOrder = [1, 2, 1, 0]
    /// The sheet rows' names, top to bottom: MV's row is (direction - 2) / 2 for directions 2,
    /// 4, 6, 8, the order of `Facing`.
    static let directions = RPGMakerLayout.walkDirections.map { "\($0)" }
    /// MV's default move speed for the player and events.
    static let moveSpeed = 4
    /// Game frames each pattern stays on screen while walking: (9 - 4) * 3 / 1.5 = 10.
    static let framesPerPattern = (9 - moveSpeed) * 3 * 2 / 3
    static let framesPerSecond = 60
    /// Game frames for one whole cycle of `patternOrder`.
    static var framesPerCycle: Int { framesPerPattern * patternOrder.count }
}
