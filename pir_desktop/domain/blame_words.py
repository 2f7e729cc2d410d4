"""The words the blameless coach listens for, as regular-expression fragments.

Who can be at fault (roles, groups, pronouns, indefinite people), what a
person can be said to have done wrong (fault verbs and phrases, the
safeguards one skips, the checks one "did not" do), fault as a noun, and
words that judge a person's character. ``domain.coach`` combines them with
who the subject of a sentence is; the lists are tuned on the tuning part of
the corpus (``tests/coach_corpus.py``).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# -- people -------------------------------------------------------------------------------

PRONOUNS = _words("i we you he she they")
INDEFINITES = frozenset(
    {"someone", "somebody", "nobody", "anyone", "anybody", "everyone", "everybody", "whoever"}
)
# Heads of a noun phrase that name people: job titles, roles in a response, groups.
# "primary", "secondary", "client", "agent" and "group" are left out: in incident
# reviews they are as often databases, programs and Auto Scaling groups.
ROLE_HEADS = _words(
    """
    engineer engineers developer developers dev devs programmer programmers coder coders
    operator operators admin admins administrator administrators sysadmin sysadmins
    reviewer reviewers approver approvers author authors committer committers
    maintainer maintainers owner owners sre sres dba dbas intern interns contractor
    contractors consultant consultants hire hires junior juniors lead leads manager
    managers commander commanders ic responder responders on-call oncall on-caller
    on-callers oncaller person people human humans staff folks teammate teammates
    colleague colleagues coworker coworkers co-worker co-workers member members tester
    testers qa analyst analysts architect architects deployer deployers user users
    customer customers vendor vendors team teams squad squads crew crews guy guys
    facilitator scribe ops devops sme smes leadership management
    """
)
# Teams named by their function, as a capitalised subject ("Security never reviewed ...").
ORG_NAMES = _words(
    """
    QA Security Support Ops DevOps SRE IT Infra Infrastructure Engineering Networking
    Management Leadership Product Legal Finance Sales Platform Operations
    """
)
# "the night shift": a shift as the people on it.
SHIFTS = _words("night day late early weekend evening morning graveyard")
# Words after a role word that make it a modifier, not a person: "the on-call rotation".
ROLE_MODIFIED = (
    r"rotation|rota|schedule|list|handbook|dashboard|runbook|pager|phone|channel|shift|"
    r"contact|calendar|tool|tooling|docs?|page|queue|load|experience|guide|process"
)
OBJECT_PRONOUNS = _words("me us him her them")
DETERMINERS = _words(
    """
    the a an our their his her my your this that these those one two three four both all
    several some every each any no another other
    """
)
PREPOSITIONS = _words(
    "of for in on at by with from to into onto about over under after before during"
)
# Irregular past tenses a note may start with ("Ran the script without ...").
IRREGULAR_PAST = _words(
    """
    ran made put took went sent wrote let set cut left kept brought thought told read
    shut hit built began broke chose did drew drove forgot gave got hid knew lost met
    paid rode rang saw sold shook slept spoke spent split spread stole struck swept
    threw understood woke won withdrew
    """
)

# -- what a person did wrong ----------------------------------------------------------------

ADVERBS = (
    r"(?:(?:just|also|then|again|simply|easily|so|very|completely|totally|entirely|clearly|obviously|"
    r"apparently|somehow|basically|accidentally|mistakenly|inadvertently|carelessly|blindly|"
    r"hastily|still|even|already|really|actually|probably|once again|repeatedly|twice|"
    r"frankly|unfortunately|sadly|initially|first|later|then)\s+)*"
)

# Verbs and phrases that say a person did wrong whatever the object.
FAULT_VERBS = (
    r"neglect(?:ed|s|ing)|overlook(?:ed|s|ing)|disregard(?:ed|s|ing)|ignor(?:ed|es|ing)|"
    r"botch(?:ed|es|ing)|bungl(?:ed|es|ing)|fumbl(?:ed|es|ing)|flubb(?:ed|ing)|flubs|"
    r"goof(?:ed|s|ing)(?: up)?|blunder(?:ed|s|ing)|"
    r"(?:mess|screw|muck|foul)(?:ed|es|s|ing) up|"
    r"fat[- ]?finger(?:ed|s|ing)|"
    r"mis(?:typed|types|typing|read|reads|reading|configured|configures|configuring|judged|"
    r"judges|handled|handles|understood|remembered|labell?ed|clicked|spelled|spelt|managed|"
    r"applied|keyed|ran|diagnosed|diagnoses|interpreted|interprets|estimated|routed|"
    r"calculated|timed|stepped)|"
    r"slipp?(?:ed|s) up|cut(?:s|ting)? corners|"
    r"(?:took|takes|taking) (?:a )?shortcuts?(?! (?:through|to|via|across|over)\b)|"
    r"jump(?:ed|s|ing) the gun|"
    r"rubber[- ]stamp(?:ed|s|ing)|wav(?:ed|es|ing)\s+(?:[\w'-]+\s+){0,3}?through|"
    r"sl(?:ept|eeps|eeping) through|lost track of|"
    r"(?:did(?:n't| not)|never|does(?:n't| not)) (?:even )?(?:bother(?:ed)?|care(?:d)?)\b|"
    r"could(?:n't| not) be bothered|"
    r"rush(?:ed|es)\s+(?:[\w'-]+\s+){0,3}?(?:through|out)\b|rush(?:ed|es) through|"
    r"let\s+(?:(?:the|a|an|it|its|their|his|her|our|this|that)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:slip|lapse|expire|time out|go stale|rot|fall through)\b|"
    r"let\s+(?:it|this|that|them|(?:the|a)\s+(?:bad|broken|faulty|buggy|wrong)\s+[\w-]+|"
    r"the\s+(?:bug|regression|change|mistake|error))\s+(?:slip\s+|get\s+|go\s+)?through\b|"
    r"(?:nobody|no one|no-one)\s+(?:took|takes|had taken)\s+(?:ownership|charge|responsibility)\b|"
    r"violat(?:ed|es|ing)|deviat(?:ed|es|ing) from|disobey(?:ed|s|ing)|contraven(?:ed|es|ing)|"
    r"flout(?:ed|s|ing)|gloss(?:ed|es|ing) over|brush(?:ed|es|ing) aside|"
    r"s(?:at|its|itting) on (?:the|it|this|that|a|his|her|their)\b|"
    r"went (?:off[- ](?:script|book|piste)|rogue|cowboy)|freelanc(?:ed|ing)|"
    r"wing(?:ed|ing) (?:it|the)\b|cut(?:s|ting)? (?:every|some|a few|a lot of|too many) corners?|"
    r"(?:too|far too|very) slow to (?:escalate|respond|react|notice|act|page|roll back|ask|"
    r"acknowledge)|"
    r"made (?:a|the|some|another|that) (?:bad|poor|wrong|questionable|hasty|rash|terrible|"
    r"foolish|careless|reckless|dubious) (?:call|decision|choice|judge?ment)s?|"
    r"panick(?:ed|s|ing)|freak(?:ed|s|ing) out|lost (?:his|her|their|our|my) (?:cool|head|nerve)"
)

# Things one can skip, bypass or miss: safeguards and signals.
SAFEGUARDS = (
    r"canary|canaries|reviews?|tests?|testing|checks?|steps?|checklists?|dry[- ]?runs?|"
    r"staging|stages?|approvals?|rehearsals?|backups?|validation|verification|runbooks?|"
    r"procedures?|process|ci|lint|linter|hooks?|smoke|qa|gates?|sign-?offs?|freeze|"
    r"rollbacks?|plans?|alerts?|alarms?|pages?|warnings?|signals?|notifications?|messages?|"
    r"emails?|errors?|handovers?|escalations?|diffs?|logs?|dashboards?|graphs?|drills?"
)
SKIP_VERBS = (
    r"skipp(?:ed|ing)|skips|bypass(?:ed|es|ing)|circumvent(?:ed|s|ing)|miss(?:ed|es|ing)|"
    r"dismiss(?:ed|es|ing)|brush(?:ed|es|ing) off|wav(?:ed|es|ing) off|shrugg?(?:ed|ing) off"
)

# The checks and duties one "did not" do ("didn't check", "never tested").
DILIGENCE = (
    r"check(?:ed)?|test(?:ed)?|verif(?:y|ied)|validat(?:e|ed)|review(?:ed)?|read|"
    r"look(?:ed)?|follow(?:ed)?|wait(?:ed)?|ask(?:ed)?|escalat(?:e|ed)|t(?:ell|old)|"
    r"notif(?:y|ied)|inform(?:ed)?|warn(?:ed)?|communicat(?:e|ed)|updat(?:e|ed)|"
    r"document(?:ed)?|confirm(?:ed)?|r[au]n|monitor(?:ed)?|th(?:ink|ought)|consider(?:ed)?|"
    r"double-check(?:ed)?|roll(?:ed)? back|back(?:ed)? up|hand(?:ed)? over|drain(?:ed)?|"
    r"tag(?:ged)?|renew(?:ed)?|page(?:d)?|involv(?:e|ed)|loop(?:ed)? in|"
    r"coordinat(?:e|ed)|rehears(?:e|ed)|reproduc(?:e|ed)|investigat(?:e|ed)|"
    r"respond(?:ed)?|answer(?:ed)?|acknowledg(?:e|ed)|plan(?:ned)?|prepar(?:e|ed)|"
    r"d(?:o|id) (?:its|his|her|their|our|my|your|the|any) (?:homework|due diligence|job)"
)
NEGATORS = (
    r"did(?:n't| not)|never|does(?:n't| not)|had(?:n't| not)|has(?:n't| not)|have(?:n't| not)"
)
# "Don't page the secondary" is an instruction; "we don't test restores" is about people.
NEGATORS_PRESENT = r"do(?:n't| not)"
WITHOUT_WHAT = (
    r"waiting for (?:the |a |any )?(?:canary|review|approval|tests?|ci|checks?|build|green|"
    r"sign-?off|replica|lag|go-ahead)|"
    r"testing|checking|reviewing|reading|looking|asking|telling|running|verifying|"
    r"validating|confirming|consulting|notifying|warning|informing|thinking|"
    r"double-checking|rehearsing|review|approval|tests?|(?:a )?(?:second )?look|checks?|"
    r"(?:a )?ticket|(?:a )?sign-?off|(?:a )?(?:rollback )?plan|(?:a )?peer review|"
    r"(?:a )?change request|permission|(?:a )?second review|(?:a )?dry[- ]?run"
)
CAUSE_VERBS = (
    r"caused|causes|broke|breaks|took down|takes down|brought down|brings down|"
    r"knocked (?:out|over)|took out|killed (?:prod|production|the (?:site|service|database|"
    r"cluster|api))"
)
# "broke the migration into steps", "broke down the problem" are not breakage.
NOT_BREAKAGE = r"(?!(?:\s+[\w'-]+){0,3}?\s+(?:into|down|apart|up)\b)"
ACCIDENT = (
    r"accidentally|mistakenly|inadvertently|unintentionally|blindly|by mistake|by accident|"
    r"in error"
)

# Adjectives that say a person's work was not checked ("pushed an untested config").
UNCHECKED = r"untested|unreviewed|unverified|unchecked|unapproved|unvetted"

# The same duties as gerunds, after "not" ("the DBA not following the runbook").
DILIGENCE_ING = (
    r"checking|testing|verifying|validating|reviewing|reading|looking|following|asking|"
    r"escalating|telling|notifying|informing|warning|communicating|updating|documenting|"
    r"confirming|running|monitoring|thinking|considering|double-checking|rolling back|"
    r"backing up|handing over|draining|tagging|renewing|paging|involving|rehearsing|"
    r"investigating|responding|answering|acknowledging|planning|preparing|bothering|caring"
)

# -- fault as a noun, character, effort ---------------------------------------------------------

FAULT_NOUNS = (
    r"errors?|mistakes?|slips?|slip-ups?|typos?|blunders?|faults?|oversights?|lapses?|"
    r"negligence|carelessness|inattention|inattentiveness|screw-?ups?|mess-?ups?|goofs?|"
    r"misconfigurations?|missteps?|fat[- ]finger(?:ing)?|incompetence|sloppiness|"
    r"inexperience|ignorance"
)
PERSON_KINDS = (
    r"human|operator|user|pilot|people|engineer|engineering|developer|dev|admin|"
    r"administrator|dba|sre|on-?call|reviewer|responder|staff|personnel|programmer|"
    r"coder|tester|team member"
)
CHARACTER = (
    r"careless(?:ly|ness)?|sloppy|sloppily|sloppiness|negligen(?:t|tly|ce)|"
    r"lazy(?! (?:load|loading|loaded|init|initiali[sz]ation|evaluation|import))|laziness|"
    r"lazily(?! (?:load|loaded|initiali[sz]ed|evaluated))|incompeten(?:t|ce)|"
    r"reckless(?:ly|ness)?|irresponsibl[ey]|irresponsibility|complacen(?:t|cy|ce)|"
    r"cavalier|amateur(?:ish)?|unprofessional|inattentive(?:ness)?|inattention|clueless|"
    r"stupid(?:ity)?|dumb|idiot(?:ic)?|thoughtless(?:ly|ness)?|cowboy(?:ing|ed)?|"
    r"lackadaisical|hasty|hastily|rash(?! of)|knee-jerk|foolish(?:ly)?|ashamed|inexcusable|"
    r"no excuse|(?:poor|bad|questionable|terrible|faulty|flawed|lapse of|error of) judge?ment"
)
# Qualities only a person has: "be more careful" needs no subject to be about people.
CARE = (
    r"careful|diligent|vigilant|attentive|disciplined|cautious|conscientious|mindful|alert|"
    r"responsible|professional|on the ball"
)
# Qualities a process can have too: "the review must be more thorough" is about the process.
RIGOUR = r"thorough|rigorous|focused|methodical|meticulous"
LACK_OF = (
    r"care|attention|diligence|discipline|rigou?r|ownership|judge?ment|focus|"
    r"professionalism|accountability|thoroughness|competence|caution|common sense|vigilance"
)
LAPSE_IN = r"judge?ment|attention|concentration|focus|care|discipline|vigilance"
BLUNT_MISTAKE = (
    r"rookie|beginner'?s?|newbie|amateur(?:ish)?|careless|stupid|silly|dumb|basic|simple|"
    r"honest|classic|obvious|avoidable|elementary"
)
