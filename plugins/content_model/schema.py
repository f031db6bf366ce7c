"""The front-matter schema as data: one source for the validator and the JSON Schema.

``validate.py`` walks these tables to check a post; ``json_schema.py`` turns
them into ``schema/post.schema.json`` for editors. Adding a key here adds it to
both.
"""

from __future__ import annotations

from dataclasses import dataclass

from vietnamese import EVENT_TIMES

# What a key holds; each kind has one checker in validate.py and one JSON form.
TEXT = "text"  # a non-empty line of plain text
DATE = "date"  # 2020-12-18 08:00 or 18/12/2020 08:00
TIME = "time"  # morning | afternoon | evening | "HH:MM"
CHOICE = "choice"  # one of ``choices``
FLAG = "flag"  # true or false
COUNT = "count"  # a positive whole number
NAMES = "names"  # a list of texts (a single text is accepted)
BLOCK = "block"  # a mapping with its own ``keys``
ITEMS = "items"  # a list of mappings with ``keys``
KEYED = "keyed"  # key: text, keyed by what it translates (a speaker, a photo, a text)

LANGUAGES = ("vi", "en")
STATUSES = ("published", "draft")
PARTS = ("chair", "speaker", "guest")
APPROXIMATIONS = ("over", "under", "about")
ATTENDANCE_KINDS = ("present", "delegates", "honoured", "admitted", "guests")
EVENT_TIME_WORDS = (*EVENT_TIMES, "sáng", "chiều", "tối")


@dataclass(frozen=True)
class Key:
    """One front-matter key: its name, what it holds, and how staff fill it."""

    name: str
    kind: str
    help: str
    required: bool = False
    choices: tuple[str, ...] = ()
    keys: tuple[Key, ...] = ()
    default: object = None

    def key(self, name: str) -> Key | None:
        """Return the sub-key ``name`` of a block or list of entries."""
        return next((k for k in self.keys if k.name == name), None)


TITLE = Key("title", TEXT, "The headline, in sentence case.", required=True)
DATE_KEY = Key(
    "date",
    DATE,
    "Publication time, Asia/Ho_Chi_Minh: 2020-12-18 08:00 or 18/12/2020 08:00.",
    required=True,
)
SLUG = Key(
    "slug",
    TEXT,
    "The address of the post (lower-case ASCII words and hyphens); "
    "the file name's ({slug}.md) when left out.",
)
LANG = Key(
    "lang", CHOICE, "vi (the original) or en (a translation).", choices=LANGUAGES
)
SUMMARY = Key("summary", TEXT, "One or two sentences for lists and sharing.")
STATUS = Key(
    "status",
    CHOICE,
    "published, or draft (never in the published site).",
    choices=STATUSES,
    default="published",
)
TAGS = Key("tags", NAMES, "Topics: [giao ban, công tác thanh niên].")
FEATURED = Key("featured", FLAG, "true to feature the post on the home page.")

EVENT = Key(
    "event",
    BLOCK,
    "When and where the event took place, and who organised it.",
    keys=(
        Key("date", DATE, "The day of the event; defaults to the publication date."),
        Key(
            "time",
            TIME,
            'morning, afternoon, evening, or a time "HH:MM" (quoted).',
            choices=EVENT_TIME_WORDS,
        ),
        Key("place", TEXT, "Where: Hội trường Quận ủy Tân Bình."),
        Key("organizer", TEXT, "The organising unit: its key, name or alias."),
    ),
)
UNITS = Key(
    "units",
    NAMES,
    "The units the post is about: keys, names or aliases from content/data/units.yml.",
)
UNITS_NOTE = Key(
    "units_note",
    TEXT,
    "Why the post names a unit outside its lifetime (before it was founded or "
    "after it ended): a look back, an anniversary.",
)
SPEAKERS = Key(
    "speakers",
    ITEMS,
    "The leaders named at the event, with their role at that time.",
    keys=(
        Key(
            "name",
            TEXT,
            "The person: key, name or alias from content/data/people.yml.",
            required=True,
        ),
        Key("role", TEXT, "Their role at the time, in Vietnamese.", required=True),
        Key("unit", TEXT, "The unit they spoke for: key, name or alias."),
        Key(
            "part",
            CHOICE,
            "chair, speaker (default) or guest.",
            choices=PARTS,
            default="speaker",
        ),
    ),
)
ATTENDEES = Key(
    "attendees",
    ITEMS,
    "The groups that attended.",
    keys=(
        Key("group", TEXT, "Who: Thường trực cơ sở Đoàn.", required=True),
        Key("count", COUNT, "How many, when known: a positive whole number."),
        Key(
            "approx",
            CHOICE,
            "When the count is not exact: over (hơn 40), under (gần 200) or "
            "about (khoảng 1.000).",
            choices=APPROXIMATIONS,
        ),
        Key(
            "kind",
            CHOICE,
            "Who the group is: present (default), delegates, honoured, admitted "
            "(new members) or guests.",
            choices=ATTENDANCE_KINDS,
            default="present",
        ),
    ),
)
PHOTOS = Key(
    "photos",
    ITEMS,
    "Photos of the event, in order.",
    keys=(
        Key(
            "src",
            TEXT,
            "The file, relative to content/: photos/2020/giao-ban-1.jpg.",
            required=True,
        ),
        Key("alt", TEXT, "What the photo shows, for readers who cannot see it.", True),
        Key("caption", TEXT, "The caption shown under the photo."),
        Key(
            "lead",
            FLAG,
            "true to show this photo at the top and on cards (default: the first).",
        ),
    ),
)
SIGNATURE = Key("signature", TEXT, "The author's or desk's signature: BQĐ.")
ROLES = Key(
    "roles",
    KEYED,
    "English roles of the original's speakers, by the speaker's key or name: "
    "phan-le-huy-hoang: Deputy Secretary …",
)
CAPTIONS = Key(
    "captions",
    KEYED,
    "English captions of the original's photos, by the photo's src: "
    "photos/2020/giao-ban-1.jpg: …",
)
GROUPS = Key(
    "groups",
    KEYED,
    "English names of the original's attendee groups, by the Vietnamese text: "
    "Thường trực cơ sở Đoàn: standing officers of grassroots Youth Unions",
)
TAGS_EN = Key(
    "tags",
    KEYED,
    "English forms of the original's tags, by the Vietnamese tag: "
    "giao ban: review meeting",
)

# A Vietnamese original carries every fact of the event.
ORIGINAL = (
    TITLE,
    DATE_KEY,
    SLUG,
    LANG,
    SUMMARY,
    STATUS,
    EVENT,
    UNITS,
    UNITS_NOTE,
    SPEAKERS,
    ATTENDEES,
    PHOTOS,
    SIGNATURE,
    TAGS,
    FEATURED,
)
# An English translation carries only what is language-specific. Its date is
# accepted when it equals the original's (the model checks that).
TRANSLATION = (
    TITLE,
    Key("date", DATE, "Leave out: a translation has its original's date."),
    Key(
        "slug",
        TEXT,
        "The slug of the Vietnamese original; the file name's ({slug}.en.md) "
        "when left out.",
    ),
    Key(
        "lang", CHOICE, "en for an English translation.", required=True, choices=("en",)
    ),
    SUMMARY,
    STATUS,
    ROLES,
    CAPTIONS,
    GROUPS,
    TAGS_EN,
)
# Facts a translation must not repeat: they come from the original.
ORIGINAL_ONLY = tuple(
    k.name for k in ORIGINAL if k.name not in {t.name for t in TRANSLATION}
)

# A page (content/pages/: about, contact) is not an event: no date, no facts.
PAGE = (TITLE, SLUG, LANG, SUMMARY, STATUS)


def keys_for(lang: str, page: bool = False) -> tuple[Key, ...]:
    """Return the top-level keys a post (or a page) in ``lang`` may carry."""
    if page:
        return PAGE
    return TRANSLATION if lang == "en" else ORIGINAL


# --- the units registry (content/data/units.yml) ------------------------------

# Youth Union levels and bodies, then the partners it works with (not Đoàn units).
UNIT_KINDS = (
    "central",
    "province",
    "district",
    "commune",
    "ward",
    "school",
    "branch",
    "agency",
    "party",
    "association",
    "front",
)
PARTNER_KINDS = ("agency", "party", "association", "front")
UNIT_NAME_KEYS = (
    Key("name", TEXT, "The name the unit bore then.", required=True),
    Key("name_en", TEXT, "Its English form."),
    Key("from", DATE, "First day of the name (leave out if unknown)."),
    Key("until", DATE, "Last day of the name: 2019-12-31."),
)
UNIT_KEYS = (
    Key(
        "key",
        TEXT,
        "ASCII slug of one of its names; used in URLs, so it never changes.",
        required=True,
    ),
    Key("name", TEXT, "Official Vietnamese name (the latest).", required=True),
    Key("name_en", TEXT, "English name used on English pages."),
    Key(
        "short",
        TEXT,
        "Short form used in running text; a generic one (Quận Đoàn) must be "
        "unique within its parent.",
    ),
    Key(
        "kind",
        CHOICE,
        "Youth Union level (central … branch) or partner (agency, party, "
        "association, front).",
        choices=UNIT_KINDS,
    ),
    Key("parent", TEXT, "Key of the unit directly above."),
    Key("aliases", NAMES, "Other spellings found in posts."),
    Key(
        "names",
        ITEMS,
        "Former names with their dates.",
        keys=UNIT_NAME_KEYS,
    ),
    Key("founded", DATE, "First day of the unit: 2025-07-01."),
    Key("ended", DATE, "Last day of the unit: 2025-06-30."),
    Key("successor", TEXT, "Key of the unit that took over its work."),
    Key("merged_into", TEXT, "Key of the unit it was merged into."),
    Key("predecessors", NAMES, "Keys of the units it took over from."),
)
