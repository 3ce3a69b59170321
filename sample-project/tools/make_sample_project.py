#!/usr/bin/env python3
"""Writes StyleCast's sample RPG Maker MV project: every data file the engine loads at boot,
a start map, a party of 4, and the few images the runtime needs, all drawn here (no RPG Maker
RTP assets). Deterministic: running it again gives byte-identical files.

    python3 sample-project/tools/make_sample_project.py   # rewrites sample-project/
"""
import json
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---------------------------------------------------------------------------- files

def write(relative, data):
    path = os.path.join(ROOT, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def stringify(value):
    """JSON.stringify(value): compact, raw Unicode. (Every number here is an integer.)"""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write_database(name, elements):
    """RPG Maker's database layout: '[', 'null,', one record per line, ']'."""
    lines = ",\n".join(stringify(e) for e in [None] + elements)
    write("data/" + name + ".json", ("[\n" + lines + "\n]").encode())


def write_compact(name, value):
    write("data/" + name + ".json", stringify(value).encode())


def write_map(name, value):
    """The editor's map layout: '{', the other members on one line, "data" on one line, then
    "events" with one event per line, '}'."""
    others = {k: v for k, v in value.items() if k not in ("data", "events")}
    events = ",\n".join(stringify(e) for e in value["events"])
    text = ("{\n" + stringify(others)[1:-1] + ",\n\"data\":" + stringify(value["data"]) +
            ",\n\"events\":[\n" + events + "\n]\n}")
    write("data/" + name + ".json", text.encode())


# ---------------------------------------------------------------------------- images

class Image:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.pixels = bytearray(width * height * 4)

    def fill(self, x0, y0, w, h, rgba):
        for y in range(max(0, y0), min(self.height, y0 + h)):
            for x in range(max(0, x0), min(self.width, x0 + w)):
                i = (y * self.width + x) * 4
                self.pixels[i:i + 4] = bytes(rgba)

    def png(self):
        raw = b"".join(b"\0" + bytes(self.pixels[y * self.width * 4:(y + 1) * self.width * 4])
                       for y in range(self.height))

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 6, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
                + chunk(b"IEND", b""))


def window_skin():
    """img/system/Window.png: background, frame, cursor, arrows and the 32 text colours, at the
    places rpg_core's Window and Window_Base read them."""
    img = Image(192, 192)
    img.fill(0, 0, 96, 96, (24, 32, 64, 255))            # stretched background
    img.fill(0, 96, 96, 96, (0, 0, 0, 0))                # tiled pattern: none
    img.fill(96, 0, 96, 96, (0, 0, 0, 0))                # frame: a 2-pixel light border
    for (x, y, w, h) in [(96, 0, 96, 2), (96, 94, 96, 2), (96, 0, 2, 96), (190, 0, 2, 96)]:
        img.fill(x, y, w, h, (220, 220, 240, 255))
    img.fill(96, 96, 48, 48, (255, 255, 255, 96))        # selection cursor
    img.fill(144, 96, 48, 48, (0, 0, 0, 0))              # arrows and pause sign
    img.fill(160, 120, 16, 8, (255, 255, 255, 255))
    colours = [(255, 255, 255), (32, 160, 224), (255, 120, 76), (102, 204, 64), (153, 204, 255),
               (204, 192, 255), (255, 255, 160), (128, 128, 128), (192, 192, 192), (32, 128, 204),
               (255, 56, 16), (0, 160, 16), (64, 152, 222), (160, 152, 255), (255, 204, 32),
               (0, 0, 0), (132, 170, 255), (255, 255, 64), (255, 32, 32), (32, 32, 64),
               (224, 128, 64), (240, 192, 64), (64, 128, 192), (64, 192, 240), (128, 255, 128),
               (192, 128, 128), (128, 128, 255), (255, 128, 255), (0, 160, 64), (0, 224, 96),
               (160, 96, 224), (192, 128, 255)]
    for n, rgb in enumerate(colours):
        img.fill(96 + (n % 8) * 12, 144 + (n // 8) * 12, 12, 12, rgb + (255,))
    return img


def tileset_a5():
    """img/tilesets/Sample_A5.png: 8x16 normal tiles of 48x48; 0 grass, 1 path, 2 water, 3 wall."""
    img = Image(384, 768)
    looks = [((72, 148, 64), (88, 170, 76)), ((186, 160, 112), (200, 176, 128)),
             ((48, 96, 192), (64, 120, 216)), ((96, 88, 96), (128, 120, 128))]
    for index, (base, speck) in enumerate(looks):
        x0, y0 = index % 8 * 48, index // 8 * 48
        img.fill(x0, y0, 48, 48, base + (255,))
        for k in range(12):  # a few fixed specks for texture
            img.fill(x0 + (k * 17) % 44, y0 + (k * 29) % 44, 4, 4, speck + (255,))
    return img


def walk_sheet(body, hair):
    """A 144x192 $ sheet: rows down/left/right/up, columns step-left/stand/step-right."""
    img = Image(144, 192)
    for row in range(4):
        for pattern in range(3):
            x0, y0 = pattern * 48, row * 48
            step = (pattern - 1) * 3
            img.fill(x0 + 16, y0 + 20, 16, 18, body + (255,))           # body
            img.fill(x0 + 17 + step, y0 + 38, 5, 8, (60, 50, 50, 255))  # legs
            img.fill(x0 + 26 - step, y0 + 38, 5, 8, (60, 50, 50, 255))
            img.fill(x0 + 16, y0 + 4, 16, 16, (240, 200, 170, 255))     # head
            img.fill(x0 + 15, y0 + 2, 18, 6, hair + (255,))             # hair
            if row == 3:
                img.fill(x0 + 16, y0 + 4, 16, 14, hair + (255,))        # back of the head
            else:
                eyes = {0: (20, 27), 1: (18, 18), 2: (29, 29)}[row]
                for ex in sorted(set(eyes)):
                    img.fill(x0 + ex, y0 + 11, 2, 3, (30, 30, 40, 255))
    return img


def face_set(colours):
    img = Image(576, 288)
    for index, (body, hair) in enumerate(colours):
        x0, y0 = index % 4 * 144, index // 4 * 144
        img.fill(x0, y0, 144, 144, (40, 40, 56, 255))
        img.fill(x0 + 32, y0 + 100, 80, 44, body + (255,))
        img.fill(x0 + 40, y0 + 24, 64, 76, (240, 200, 170, 255))
        img.fill(x0 + 36, y0 + 14, 72, 22, hair + (255,))
        img.fill(x0 + 54, y0 + 56, 8, 10, (30, 30, 40, 255))
        img.fill(x0 + 82, y0 + 56, 8, 10, (30, 30, 40, 255))
        img.fill(x0 + 62, y0 + 82, 20, 4, (160, 70, 70, 255))
    return img


def plain(width, height, rgba=(0, 0, 0, 0)):
    img = Image(width, height)
    img.fill(0, 0, width, height, rgba)
    return img


# ---------------------------------------------------------------------------- data

PARTY = [  # name, class, body colour, hair colour
    ("Aria", 1, (200, 60, 60), (120, 60, 30)),
    ("Bram", 2, (60, 100, 200), (40, 40, 40)),
    ("Cyra", 3, (140, 60, 180), (230, 200, 90)),
    ("Dorn", 4, (70, 150, 80), (160, 160, 160)),
]

SOUND = {"name": "", "pan": 0, "pitch": 100, "volume": 90}


def actors():
    return [{"id": i + 1, "battlerName": "", "characterIndex": 0, "characterName": "$" + name,
             "classId": class_id, "equips": [1, 0, 0, 1, 0], "faceIndex": i, "faceName": "Party",
             "traits": [], "initialLevel": 1, "maxLevel": 99, "name": name, "nickname": "",
             "note": "", "profile": name + " of the StyleCast sample party."}
            for i, (name, class_id, _, _) in enumerate(PARTY)]


def classes():
    def curve(base, growth):  # one value per level 0...99
        return [base + growth * level for level in range(100)]
    out = []
    for i, name in enumerate(["Swordsman", "Guardian", "Mage", "Ranger"]):
        out.append({
            "id": i + 1, "expParams": [30, 20, 30, 30],
            "traits": [{"code": 23, "dataId": 0, "value": 1}, {"code": 22, "dataId": 0, "value": 0},
                       {"code": 22, "dataId": 1, "value": 0}, {"code": 22, "dataId": 2, "value": 0},
                       {"code": 41, "dataId": 1, "value": 1}, {"code": 51, "dataId": 1, "value": 0},
                       {"code": 51, "dataId": 2, "value": 0}, {"code": 52, "dataId": 1, "value": 0}],
            "learnings": [{"level": 1, "note": "", "skillId": 3}] if i == 2 else [],
            "name": name, "note": "",
            "params": [curve(400 + 20 * i, 40), curve(60 + 10 * i, 6), curve(16, 2), curve(16, 2),
                       curve(16, 2), curve(16, 2), curve(16, 2), curve(16, 2)],
        })
    return out


def damage(kind, formula):
    return {"critical": kind == 1, "elementId": -1 if kind == 1 else 0, "formula": formula,
            "type": kind, "variance": 20}


def skill(id, name, kind, formula, scope, stype, mp, message, icon):
    return {"id": id, "animationId": -1 if stype == 0 else 1, "damage": damage(kind, formula),
            "description": "", "effects": [], "hitType": 1 if stype == 0 else 2, "iconIndex": icon,
            "message1": message, "message2": "", "mpCost": mp, "name": name, "note": "",
            "occasion": 1 if kind else 0, "repeats": 1, "requiredWtypeId1": 0, "requiredWtypeId2": 0,
            "scope": scope, "speed": 0 if id != 2 else 2000, "stypeId": stype,
            "successRate": 100, "tpCost": 0, "tpGain": 10 if id == 1 else 0}


def skills():
    attack = skill(1, "Attack", 1, "a.atk * 4 - b.def * 2", 1, 0, 0, " attacks!", 76)
    attack["effects"] = [{"code": 21, "dataId": 0, "value1": 1, "value2": 0}]
    guard = skill(2, "Guard", 0, "0", 11, 0, 0, " guards.", 81)
    guard["effects"] = [{"code": 21, "dataId": 2, "value1": 1, "value2": 0}]
    spark = skill(3, "Spark", 1, "100 + a.mat * 2 - b.mdf * 2", 1, 1, 5, " casts %1!", 64)
    return [attack, guard, spark]


def items():
    return [{"id": 1, "animationId": 0, "consumable": True,
             "damage": {"critical": False, "elementId": 0, "formula": "0", "type": 0, "variance": 20},
             "description": "Restores 500 HP.", "effects": [{"code": 11, "dataId": 0, "value1": 0, "value2": 500}],
             "hitType": 0, "iconIndex": 176, "itypeId": 1, "name": "Potion", "note": "", "occasion": 0,
             "price": 50, "repeats": 1, "scope": 7, "speed": 0, "successRate": 100, "tpGain": 0}]


def weapons():
    return [{"id": 1, "animationId": 1, "description": "A plain sword.", "etypeId": 1,
             "traits": [{"code": 31, "dataId": 1, "value": 0}, {"code": 22, "dataId": 0, "value": 0}],
             "iconIndex": 97, "name": "Sword", "note": "", "params": [0, 0, 10, 0, 0, 0, 0, 0],
             "price": 500, "wtypeId": 2}]


def armors():
    return [{"id": 1, "atypeId": 1, "description": "Plain clothes.", "etypeId": 4,
             "traits": [{"code": 22, "dataId": 1, "value": 0}], "iconIndex": 135, "name": "Clothes",
             "note": "", "params": [0, 0, 0, 10, 0, 0, 0, 0], "price": 300}]


def enemies():
    return [{"id": 1, "actions": [{"conditionParam1": 0, "conditionParam2": 0, "conditionType": 0,
                                   "rating": 5, "skillId": 1}],
             "battlerHue": 0, "battlerName": "",
             "dropItems": [{"dataId": 1, "denominator": 1, "kind": 0}] * 3, "exp": 10,
             "traits": [{"code": 22, "dataId": 0, "value": 0.95}, {"code": 22, "dataId": 1, "value": 0.05},
                        {"code": 31, "dataId": 1, "value": 0}],
             "gold": 20, "name": "Slime", "note": "", "params": [200, 0, 30, 30, 30, 30, 30, 30]}]


def troops():
    conditions = {"actorHp": 50, "actorId": 1, "actorValid": False, "enemyHp": 50, "enemyIndex": 0,
                  "enemyValid": False, "switchId": 1, "switchValid": False, "turnA": 0, "turnB": 0,
                  "turnEnding": False, "turnValid": False}
    return [{"id": 1, "members": [{"enemyId": 1, "x": 408, "y": 436, "hidden": False}], "name": "Slime",
             "pages": [{"conditions": conditions, "list": [{"code": 0, "indent": 0, "parameters": []}],
                        "span": 0}]}]


def states():
    def state(id, name, restriction, icon, message1, message2, message4, death=False):
        return {"id": id, "autoRemovalTiming": 0, "chanceByDamage": 100, "iconIndex": icon,
                "maxTurns": 1, "message1": message1, "message2": message2, "message3": "",
                "message4": message4, "minTurns": 1, "motion": 3 if death else 0, "name": name,
                "note": "State #1 is knocked out." if death else "", "overlay": 0,
                "priority": 100 if death else 0, "releaseByDamage": False, "removeAtBattleEnd": not death,
                "removeByDamage": False, "removeByRestriction": False, "removeByWalking": False,
                "restriction": restriction, "stepsToRemove": 100,
                "traits": [{"code": 23, "dataId": 9, "value": 0}] if death else []}
    return [state(1, "Knockout", 4, 1, " has fallen!", " is slain!", " revives!", death=True),
            state(2, "Guard", 0, 0, "", "", "")]


def animations():
    cell = [0, 0, 0, 100, 0, 0, 255, 1]  # pattern, x, y, scale, rotation, mirror, opacity, blend
    return [{"id": 1, "animation1Hue": 0, "animation1Name": "", "animation2Hue": 0, "animation2Name": "",
             "frames": [[cell], [cell]], "name": "Hit", "position": 1,
             "timings": [{"flashColor": [255, 255, 255, 170], "flashDuration": 5, "flashScope": 1,
                          "frame": 0, "se": None}]}]


def tilesets():
    flags = [16] + [0] * 8191  # tile 0 (empty B tile) is drawn above characters, like the editor's
    for wall in (1536 + 2, 1536 + 3):  # water and wall block walking in all directions
        flags[wall] = 15
    return [{"id": 1, "flags": flags, "mode": 1, "name": "Sample", "note": "",
             "tilesetNames": ["", "", "", "", "Sample_A5", "", "", "", ""]}]


def common_events():
    return [{"id": 1, "list": [{"code": 0, "indent": 0, "parameters": []}], "name": "", "switchId": 1,
             "trigger": 0}]


def system():
    vehicle = lambda index: {"bgm": SOUND, "characterIndex": index, "characterName": "", "startMapId": 0,
                             "startX": 0, "startY": 0}
    messages = {
        "actionFailure": "There was no effect on %1!", "actorDamage": "%1 took %2 damage!",
        "actorDrain": "%1 was drained of %2 %3!", "actorGain": "%1 gained %2 %3!",
        "actorLoss": "%1 lost %2 %3!", "actorNoDamage": "%1 took no damage!",
        "actorNoHit": "Miss! %1 took no damage!", "actorRecovery": "%1 recovered %2 %3!",
        "alwaysDash": "Always Dash", "bgmVolume": "BGM Volume", "bgsVolume": "BGS Volume",
        "buffAdd": "%1's %2 went up!", "buffRemove": "%1's %2 returned to normal!",
        "commandRemember": "Command Remember", "counterAttack": "%1 counterattacked!",
        "criticalToActor": "A painful blow!!", "criticalToEnemy": "An excellent hit!!",
        "debuffAdd": "%1's %2 went down!", "defeat": "%1 was defeated.", "emerge": "%1 emerged!",
        "enemyDamage": "%1 took %2 damage!", "enemyDrain": "%1 was drained of %2 %3!",
        "enemyGain": "%1 gained %2 %3!", "enemyLoss": "%1 lost %2 %3!",
        "enemyNoDamage": "%1 took no damage!", "enemyNoHit": "Miss! %1 took no damage!",
        "enemyRecovery": "%1 recovered %2 %3!", "escapeFailure": "However, it was unable to escape!",
        "escapeStart": "%1 has started to escape!", "evasion": "%1 evaded the attack!",
        "expNext": "To Next %1", "expTotal": "Current %1", "file": "File",
        "levelUp": "%1 is now %2 %3!", "loadMessage": "Load which file?",
        "magicEvasion": "%1 nullified the magic!", "magicReflection": "%1 reflected the magic!",
        "meVolume": "ME Volume", "obtainExp": "%1 %2 received!", "obtainGold": "%1\\G found!",
        "obtainItem": "%1 found!", "obtainSkill": "%1 learned!", "partyName": "%1's Party",
        "possession": "Possession", "preemptive": "%1 got the upper hand!",
        "saveMessage": "Save to which file?", "seVolume": "SE Volume",
        "substitute": "%1 protected %2!", "surprise": "%1 was surprised!", "useItem": "%1 uses %2!",
        "victory": "%1 was victorious!",
    }
    return {
        "airship": vehicle(3), "armorTypes": ["", "General Armor"],
        "attackMotions": [{"type": 0, "weaponImageId": 0}, {"type": 1, "weaponImageId": 1},
                          {"type": 1, "weaponImageId": 2}],
        "battleBgm": SOUND, "battleback1Name": "", "battleback2Name": "", "battlerHue": 0,
        "battlerName": "", "boat": vehicle(0), "currencyUnit": "G", "defeatMe": SOUND, "editMapId": 1,
        "elements": ["", "Physical", "Fire"], "equipTypes": ["", "Weapon", "Shield", "Head", "Body", "Accessory"],
        "gameTitle": "StyleCast Sample", "gameoverMe": SOUND, "locale": "en_US", "magicSkills": [1],
        "menuCommands": [True, True, True, True, True, True], "optDisplayTp": True, "optDrawTitle": True,
        "optExtraExp": False, "optFloorDeath": False, "optFollowers": True, "optSideView": False,
        "optSlipDeath": False, "optTransparent": False, "partyMembers": [1, 2, 3, 4],
        "ship": vehicle(1), "skillTypes": ["", "Magic"], "sounds": [SOUND] * 24,
        "startMapId": 1, "startX": 8, "startY": 6, "switches": ["", ""],
        "terms": {
            "basic": ["Level", "Lv", "HP", "HP", "MP", "MP", "TP", "TP", "EXP", "EXP"],
            "commands": ["Fight", "Escape", "Attack", "Guard", "Item", "Skill", "Equip", "Status",
                         "Formation", "Save", "Game End", "Options", "Weapon", "Armor", "Key Item",
                         "Equip", "Optimize", "Clear", "New Game", "Continue", None, "To Title",
                         "Cancel", None, "Buy", "Sell"],
            "params": ["Max HP", "Max MP", "Attack", "Defense", "M.Attack", "M.Defense", "Agility",
                       "Luck", "Hit", "Evasion"],
            "messages": messages,
        },
        "testBattlers": [{"actorId": i + 1, "equips": [1, 0, 0, 1, 0], "level": 1} for i in range(4)],
        "testTroopId": 1, "title1Name": "", "title2Name": "", "titleBgm": SOUND,
        "variables": ["", ""], "versionId": 20261125, "victoryMe": SOUND,
        "weaponTypes": ["", "Dagger", "Sword"], "windowTone": [0, 0, 0, 0],
    }


def map001():
    width, height = 17, 13
    grass, path, water, wall = 1536, 1537, 1538, 1539
    ground = []
    for y in range(height):
        for x in range(width):
            if x in (0, width - 1) or y in (0, height - 1):
                ground.append(wall)
            elif 2 <= x <= 4 and 2 <= y <= 4:
                ground.append(water)
            elif y == 6 or x == 8:
                ground.append(path)
            else:
                ground.append(grass)
    empty = [0] * (width * height)
    sign = {"id": 1, "name": "Sign", "note": "", "x": 10, "y": 5, "pages": [{
        "conditions": {"actorId": 1, "actorValid": False, "itemId": 1, "itemValid": False,
                       "selfSwitchCh": "A", "selfSwitchValid": False, "switch1Id": 1, "switch1Valid": False,
                       "switch2Id": 1, "switch2Valid": False, "variableId": 1, "variableValid": False,
                       "variableValue": 0},
        "directionFix": False, "image": {"characterIndex": 0, "characterName": "", "direction": 2,
                                         "pattern": 1, "tileId": 0},
        "list": [{"code": 101, "indent": 0, "parameters": ["Party", 0, 0, 2]},
                 {"code": 401, "indent": 0, "parameters": ["Welcome to the StyleCast sample project."]},
                 {"code": 0, "indent": 0, "parameters": []}],
        "moveFrequency": 3, "moveRoute": {"list": [{"code": 0, "parameters": []}], "repeat": True,
                                          "skippable": False, "wait": False},
        "moveSpeed": 3, "moveType": 0, "priorityType": 1, "stepAnime": False, "through": False,
        "trigger": 0, "walkAnime": True}]}
    return {"autoplayBgm": False, "autoplayBgs": False, "battleback1Name": "", "battleback2Name": "",
            "bgm": SOUND, "bgs": SOUND, "disableDashing": False, "displayName": "Sample Field",
            "encounterList": [], "encounterStep": 30, "height": height, "note": "", "parallaxLoopX": False,
            "parallaxLoopY": False, "parallaxName": "", "parallaxShow": True, "parallaxSx": 0,
            "parallaxSy": 0, "scrollType": 0, "specifyBattleback": False, "tilesetId": 1, "width": width,
            "data": ground + empty * 5, "events": [None, sign]}


def main():
    for name, records in [("Actors", actors()), ("Classes", classes()), ("Skills", skills()),
                          ("Items", items()), ("Weapons", weapons()), ("Armors", armors()),
                          ("Enemies", enemies()), ("Troops", troops()), ("States", states()),
                          ("Animations", animations()), ("Tilesets", tilesets()),
                          ("CommonEvents", common_events())]:
        write_database(name, records)
    write_database("MapInfos", [{"id": 1, "expanded": False, "name": "MAP001", "order": 1,
                                 "parentId": 0, "scrollX": 0, "scrollY": 0}])
    write_compact("System", system())
    write_map("Map001", map001())

    write("img/system/Window.png", window_skin().png())
    write("img/system/IconSet.png", plain(512, 416, (0, 0, 0, 0)).png())
    write("img/system/Balloon.png", plain(384, 720).png())
    write("img/system/Shadow1.png", plain(48, 48).png())
    write("img/system/Shadow2.png", plain(48, 48).png())
    write("img/system/Damage.png", plain(360, 320).png())
    write("img/system/States.png", plain(96, 96).png())
    for n in (1, 2, 3):
        write("img/system/Weapons%d.png" % n, plain(576, 384).png())
    write("img/system/ButtonSet.png", plain(288, 48, (64, 64, 96, 255)).png())
    write("img/system/Loading.png", plain(8, 8).png())
    write("img/tilesets/Sample_A5.png", tileset_a5().png())
    for name, _, body, hair in PARTY:
        write("img/characters/$" + name + ".png", walk_sheet(body, hair).png())
    write("img/faces/Party.png", face_set([(body, hair) for _, _, body, hair in PARTY]).png())
    write("icon/icon.png", walk_sheet(*PARTY[0][2:]).png())


if __name__ == "__main__":
    main()
