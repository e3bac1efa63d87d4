//! The source ledger: who the story quotes.
//!
//! Every direct quotation (the utterances `quote.unsourced` judges) with
//! its speaker, grouped by speaker, so the editor's outline and
//! `copydesk sources` show at a glance who speaks in a draft and who does
//! not. IO-free: spans are bytes; the edges turn them into lines.
//!
//! **Who speaks.** A quotation's speaker comes from the attribution cue the
//! analysis found (see `attribution`): in the quotation's sentence, the
//! sentence after it (when it opens with the speaker) or the sentence
//! before it, or the run of quotation it continues. Around the cue:
//!
//! - `according to X` / `per X`: the phrase after the cue;
//! - an inverted tag (`“…,” said Maria Lopez`): the phrase after the verb;
//! - a subject (`Maria Lopez said`, `Lopez, the mayor, said`, `the mayor
//!   said`): the name before the verb, skipping an appositive in commas;
//! - a colon introduction (`Lopez was blunt:`): the first name in it;
//! - a pronoun (`she said`): the last named speaker the draft introduced.
//!
//! **One person, several names.** Titles (`data/speaker_titles.txt`) are
//! dropped, and a later short form whose words end an earlier full name
//! (`Lopez` after `Maria Lopez`, or `Ms. Lopez`) is the same person when
//! only one earlier speaker fits. Described unnamed speakers (`a person
//! familiar with the talks`, `officials`) are anonymous. Quotations the
//! quote rule flags are listed under "no source".

use std::sync::LazyLock;

use serde::Serialize;

use crate::analysis::cues::{ANONYMOUS, NOT_NAMES, PRONOUNS, SKIP};
use crate::analysis::{self, Analysis, AttributionKind, How, Sentence, Verdict};
use crate::markup::BlockKind;
use crate::span::Span;
use crate::{Config, Format};

static TITLES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("speaker-titles"));

/// Words that end a speaker phrase after the verb (`said Smith in a
/// statement`, `according to the mayor on Tuesday`).
static PHRASE_STOPS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("phrase-stops"));

/// Words that open a described speaker (`the mayor said`) and words that
/// join clauses, before which a described speaker does not reach.
static SPEAKER_DETERMINERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("speaker-determiners"));
static CLAUSE_JOINS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("clause-joins"));

/// Words beside the anonymous-source nouns that make a described speaker
/// anonymous (`an unnamed official`, `a spokesperson`).
static ANONYMOUS_MARKERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("anonymous-markers"));

/// How the draft identifies a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A person or body by name or role: `Maria Lopez`, `the department`.
    Named,
    /// Described but unnamed: `a person familiar with the talks`.
    Anonymous,
    /// Sourced, but the cue names nobody we can read (`she` with no one
    /// introduced before her).
    Unidentified,
    /// Not sourced at all: what `quote.unsourced` flags.
    None,
}

impl SpeakerKind {
    /// How the kind reads in a list: `named`, `anonymous`, `unidentified`,
    /// `no source`.
    pub const fn label(self) -> &'static str {
        match self {
            SpeakerKind::Named => "named",
            SpeakerKind::Anonymous => "anonymous",
            SpeakerKind::Unidentified => "unidentified",
            SpeakerKind::None => "no source",
        }
    }
}

/// One quotation in the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteEntry {
    /// The quotation, marks included.
    pub span: Span,
    /// Its first few words, for a list: `We will not let this…`.
    pub excerpt: String,
}

/// One speaker and everything the draft quotes them saying, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The fullest form of the name the draft uses (`Maria Lopez`), or
    /// `no source`.
    pub name: String,
    pub kind: SpeakerKind,
    pub quotes: Vec<QuoteEntry>,
    /// Lowercased name words without titles, for matching later mentions.
    key: Vec<String>,
}

/// Who the draft quotes, speakers in order of their first quotation; the
/// quotations with no source last. Under the default configuration.
pub fn ledger(text: &str, format: Format) -> Vec<Speaker> {
    ledger_with(text, format, &Config::default())
}

/// [`ledger`] under a draft's configuration (its extra reporting verbs).
pub fn ledger_with(text: &str, format: Format, config: &Config) -> Vec<Speaker> {
    // The analysis's verdict, the one the quote rule reports, so the ledger
    // and the diagnostics agree even where the configuration switches the
    // rule off.
    let a = analysis::analyze(text, format, config.verbs());
    let mut book = Book::default();
    let mut run: Option<Option<usize>> = None;
    for (bi, block, ba) in a.iter() {
        let skip =
            block.in_footnote || matches!(block.kind, BlockKind::Heading(_) | BlockKind::TableCell);
        // Names in sentences without quotations still introduce speakers
        // for a later `she said`.
        let mut speaker_of_sentence: Vec<Option<Option<usize>>> = vec![None; ba.sentences.len()];
        for (si, s) in ba.sentences.iter().enumerate() {
            let quoted = ba.quotes.iter().any(|q| q.sentence == si);
            if !quoted && !skip {
                // A line in headline case (a list of facts' heading) names
                // no speaker, whatever verb it holds.
                let title = analysis::speakers::is_title_case(a.text(s.span));
                if s.attribution.is_some_and(|c| !c.from_link) && !title {
                    speaker_of_sentence[si] = Some(book.speaker_of(&a, &ba.quotes, s));
                } else if !title {
                    book.mention(a.text(s.span), || subject_name(&a, s));
                }
            }
        }
        for q in &ba.quotes {
            if skip {
                continue;
            }
            let utterance = q.utterance;
            // Speakers the draft introduced before this quotation.
            let known = book.speakers.len();
            let span = a.doc.widen(q.span);
            // Filed where the analysis found the source (its verdict), so
            // the ledger and the quote rule agree on every quotation.
            let who = match q.verdict {
                Verdict::Sourced(src) => match src.how {
                    How::Continues if run.is_some() => run.flatten(),
                    // A block quote's signature line, or an embedded
                    // post's credit line under a paragraph (its poster).
                    How::Signature => signature(&a, block.block_quote)
                        .or_else(|| src.speaker.and_then(|sp| clean_name(a.text(sp.span))))
                        .map(|sig| book.add(&sig, SpeakerKind::Named)),
                    How::NameLabel | How::DashTag => src
                        .speaker
                        .and_then(|sp| clean_name(a.text(sp.span)))
                        .map(|name| book.add(&name, SpeakerKind::Named)),
                    // The interviewee: the person the introduction named
                    // first, not the one who asks.
                    How::Interview => Some(book.interviewee()),
                    _ => {
                        let cached = (src.block == bi)
                            .then(|| speaker_of_sentence.get(src.sentence).copied().flatten())
                            .flatten();
                        match (cached, a.blocks.get(src.block)) {
                            (Some(who), _) => who,
                            (None, Some(cb)) => {
                                let s = cb.sentences.get(src.sentence);
                                let cue = s.and_then(|s| s.attribution).filter(|c| !c.from_link);
                                match (s, cue) {
                                    (Some(s), Some(_)) => book.speaker_of(&a, &cb.quotes, s),
                                    // No cue: the analysis found the one who
                                    // put out the text (`The Daugherty family
                                    // released a statement.`).
                                    _ => src
                                        .speaker
                                        .and_then(|sp| clean_name(a.text(sp.span)))
                                        .map(|name| book.add(&name, SpeakerKind::Named)),
                                }
                            }
                            (None, None) => None,
                        }
                    }
                },
                Verdict::Unsourced | Verdict::NotJudged => None,
            }
            .or_else(|| matches!(q.verdict, Verdict::Sourced(_)).then(|| book.unidentified()));
            // Fragments woven into a sentence (`called it “a complete
            // lie”`) are listed under their speaker too; short terms and
            // titles are not.
            let fragment = !utterance && is_fragment(a.text(q.inner));
            if q.runs_on {
                run = Some(who);
            } else if !q.continues {
                run = None;
            }
            // A fragment names a new speaker only where the analysis's
            // noun phrase agrees with the ledger's name (a person or a
            // body, not `the failed amendment` or a place before a name).
            let who = who.filter(|&i| {
                let sp = &book.speakers[i];
                utterance
                    || sp.kind == SpeakerKind::Named
                        && (!sp.quotes.is_empty() || agrees(&a, q.verdict, &sp.name, i < known))
            });
            if utterance || fragment && who.is_some() {
                book.first_named = None;
                if !matches!(q.verdict, Verdict::Sourced(src) if src.how == How::Interview) {
                    book.interviewee = None;
                }
                let idx = who.unwrap_or_else(|| book.nobody());
                book.speakers[idx].quotes.push(QuoteEntry {
                    span,
                    excerpt: excerpt(a.text(q.inner)),
                });
            }
        }
    }
    let mut speakers: Vec<Speaker> = book
        .speakers
        .into_iter()
        .filter(|s| !s.quotes.is_empty())
        .collect();
    // No source last, whatever came first.
    speakers.sort_by_key(|s| (s.kind == SpeakerKind::None, s.quotes[0].span.start));
    speakers
}

/// The signature line of a block quote (`— Maria Lopez, mayor`).
fn signature(a: &Analysis<'_>, quote: Option<u32>) -> Option<String> {
    let id = quote?;
    a.iter()
        .filter(|(_, b, _)| b.block_quote == Some(id))
        .map(|(_, b, _)| a.text(b.span))
        .find(|t| crate::analysis::cues::is_attribution_line(t))
        .map(|t| {
            let t = t.trim_start().trim_start_matches(['—', '–', '―', '-', '~']);
            t.split([',', '(']).next().unwrap_or(t).trim().to_string()
        })
}

/// Whether the analysis found the same speaker for a quotation as the
/// ledger's `name`, and found a person or a body.
fn agrees(a: &Analysis<'_>, verdict: Verdict, name: &str, introduced: bool) -> bool {
    let Verdict::Sourced(src) = verdict else {
        return false;
    };
    let cue = a
        .blocks
        .get(src.block)
        .and_then(|b| b.sentences.get(src.sentence))
        .and_then(|s| s.attribution);
    let (Some(sp), Some(cue)) = (src.speaker, cue) else {
        return false;
    };
    // The speaker stands by its verb (`Chang-Diaz called it`, `said Mark
    // Toner`), not across a clause (`…, Pennsylvania, on Friday, said`).
    let between = if sp.span.end <= cue.span.start {
        Span::new(sp.span.end, cue.span.start)
    } else {
        Span::new(cue.span.end, sp.span.start.max(cue.span.end))
    };
    let between = a.text(between);
    matches!(
        sp.kind,
        analysis::SpeakerKind::Person | analysis::SpeakerKind::Organisation
    ) && !between.contains([',', ';', '(', ')'])
        && between.split_whitespace().nth(2).is_none()
        && clean_name(a.text(sp.span)).is_some_and(|n| {
            // The ledger drops a role before the name (`State Department
            // spokesman Mark Toner` → `Mark Toner`) and joins a later
            // `Toner` to the person an earlier sentence introduced (not
            // to a phrase of this one, `Though Trump has claimed`).
            n == name
                || n.strip_suffix(name).is_some_and(|r| r.ends_with(' '))
                || introduced && same_person(&key_of(&n), &key_of(name))
        })
}

/// Whether two name keys can be one person: one ends the other (`lopez`,
/// `maria lopez`).
fn same_person(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && (a.ends_with(b) || b.ends_with(a))
}

/// Whether a name of one word is the given name of a longer one, the word
/// before its surname (`Laurie` of `Laurie Jernigan`, `Michael` of
/// `Stepdad Michael Jernigan`; not `Trump` of `Trump Organization …`).
fn given_name(short: &str, key: &[String], long: &[String]) -> bool {
    key.len() == 1
        && long.len() >= 2
        && long[long.len() - 2] == key[0]
        && !short.contains(char::is_whitespace)
}

/// A fragment of speech woven into the sentence (`a complete lie`): it
/// opens in lower case and runs to three words or more, unlike a scare
/// quote (`‘spikes’`) or a title.
fn is_fragment(inner: &str) -> bool {
    inner
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_lowercase)
        && inner.split_whitespace().nth(2).is_some()
}

/// `We will not let this stand.` → `We will not let this…` (seven words).
fn excerpt(inner: &str) -> String {
    let words: Vec<&str> = inner.split_whitespace().collect();
    if words.len() <= 7 {
        words.join(" ")
    } else {
        format!(
            "{}…",
            words[..7].join(" ").trim_end_matches([',', ';', ':'])
        )
    }
}

#[derive(Default)]
struct Book {
    speakers: Vec<Speaker>,
    /// The last named person the draft mentioned, for pronouns: a speaker,
    /// or a name that opened a sentence without a quotation.
    last_named: Option<Result<usize, String>>,
    /// The first person named since the last quotation the ledger filed:
    /// who an interview's introduction presents (`Maria Lopez took over in
    /// June. Tom Reyes asked her about it.`).
    first_named: Option<Result<usize, String>>,
    /// The interviewee an interview's answers go to, once chosen.
    interviewee: Option<usize>,
}

impl Book {
    /// The speaker a sentence's cue names (`None`: the cue names nobody).
    fn speaker_of(
        &mut self,
        a: &Analysis<'_>,
        quotes: &[analysis::Quote],
        s: &Sentence,
    ) -> Option<usize> {
        let cue = s.attribution.filter(|c| !c.from_link)?;
        let outside =
            analysis::outside_quotes(a.text(s.span), s.span, quotes.iter().map(|q| q.span));
        let rel = Span::new(
            cue.span
                .start
                .saturating_sub(s.span.start)
                .min(outside.len()),
            cue.span.end.saturating_sub(s.span.start).min(outside.len()),
        );
        let quote_ends: Vec<usize> = quotes
            .iter()
            .filter(|q| q.span.overlaps(s.span) && q.span.end <= s.span.end)
            .map(|q| q.span.end - s.span.start)
            .collect();
        if modifies_a_noun(&outside, rel) {
            return Some(self.unidentified());
        }
        let phrase = participle_subject(&outside, rel)
            .or_else(|| speaker_phrase(&outside, rel, &quote_ends))
            .and_then(|p| clean_name(&p));
        let is_pronoun = phrase
            .as_deref()
            .is_some_and(|p| PRONOUNS.contains(&p.to_lowercase().as_str()));
        // A pronoun the analysis resolved within its own sentence (`Kellyanne
        // Conway, who went on “Fox & Friends,” where she talked …`) is
        // that person, not the last one the draft named.
        let named = cue
            .speaker
            .filter(|sp| sp.kind == analysis::SpeakerKind::Person)
            .and_then(|sp| clean_name(a.text(sp.span)))
            .filter(|n| is_proper(n) && !PRONOUNS.contains(&n.to_lowercase().as_str()));
        match phrase {
            Some(_) | None
                if is_pronoun || cue.kind == AttributionKind::Pronoun && phrase.is_none() =>
            {
                match named {
                    Some(n) => Some(self.add(&n, SpeakerKind::Named)),
                    None => Some(self.resolve_pronoun()),
                }
            }
            // The analysis's speaker is a person whom the phrase read from
            // the words before the verb leaves out (`Denise Arroyo, 58, a
            // home health aide who rides the bus …, said`: not `the bus`):
            // the analysis read the clause; the fact is its (session 25).
            // (Only where the phrase read names nobody: a name read there
            // is kept with its own form, for joining surnames.)
            // (Nor a possessive's phrase, `Richard Petty’s sentiments`, nor
            // one opening in lower case, `the Christian missionary called
            // Islam`: the analysis's phrase is not a name there either.)
            Some(p)
                if !is_proper(&p)
                    && named.as_deref().is_some_and(|n| {
                        !p.contains(n)
                            && n.starts_with(char::is_uppercase)
                            && !n.contains("'s ")
                            && !n.contains("’s ")
                    }) =>
            {
                named.map(|n| self.add(&n, SpeakerKind::Named))
            }
            Some(p) => {
                let kind = if cue.kind == AttributionKind::Anonymous || is_anonymous(&p) {
                    SpeakerKind::Anonymous
                } else {
                    SpeakerKind::Named
                };
                Some(self.add(&p, kind))
            }
            None => Some(self.unidentified()),
        }
    }

    /// Find or add a speaker by name, merging `Lopez` into `Maria Lopez`.
    fn add(&mut self, name: &str, kind: SpeakerKind) -> usize {
        let key = key_of(name);
        let exact = self
            .speakers
            .iter()
            .position(|s| s.kind == kind && !key.is_empty() && s.key == key);
        let idx = exact.or_else(|| {
            if kind != SpeakerKind::Named || key.is_empty() || !is_proper(name) {
                return None;
            }
            let fits: Vec<usize> = (0..self.speakers.len())
                .filter(|&i| {
                    let s = &self.speakers[i];
                    s.kind == SpeakerKind::Named
                        && is_proper(&s.name)
                        && (same_person(&s.key, &key)
                            || given_name(name, &key, &s.key)
                            || given_name(&s.name, &s.key, &key))
                })
                .collect();
            (fits.len() == 1).then(|| fits[0])
        });
        let idx = match idx {
            Some(i) => {
                // Keep the fullest form the draft uses.
                if key.len() > self.speakers[i].key.len() {
                    self.speakers[i].name = name.to_string();
                    self.speakers[i].key = key;
                }
                i
            }
            None => {
                self.speakers.push(Speaker {
                    name: name.to_string(),
                    kind,
                    quotes: Vec::new(),
                    key,
                });
                self.speakers.len() - 1
            }
        };
        if kind == SpeakerKind::Named {
            self.last_named = Some(Ok(idx));
            self.first_named.get_or_insert(Ok(idx));
        }
        idx
    }

    /// Who an interview's answers go to: the person its introduction named
    /// first, kept for every later answer.
    fn interviewee(&mut self) -> usize {
        if let Some(i) = self.interviewee {
            return i;
        }
        let i = match self.first_named.clone().or_else(|| self.last_named.clone()) {
            Some(Ok(i)) => i,
            Some(Err(name)) => self.add(&name, SpeakerKind::Named),
            None => self.unidentified(),
        };
        self.interviewee = Some(i);
        i
    }

    fn resolve_pronoun(&mut self) -> usize {
        match self.last_named.clone() {
            Some(Ok(i)) => i,
            Some(Err(name)) => self.add(&name, SpeakerKind::Named),
            None => self.unidentified(),
        }
    }

    /// A sentence that opens with a full name (`Mayor Maria Lopez opened
    /// the meeting.`), or whose verb's subject is one (`That day, former
    /// Klan leader David Duke tweeted …`), introduces the person a later
    /// `she said` means.
    fn mention(&mut self, sentence: &str, subject: impl FnOnce() -> Option<String>) {
        let ws = words(sentence);
        let ws = &ws[..];
        let first = ws.first().map(|(_, w)| w.to_lowercase());
        if first.is_some_and(|w| NOT_NAMES.contains(&w.as_str())) {
            return;
        }
        let run = ws.iter().take_while(|(_, w)| capitalised(w)).count();
        // A line that is only a name (a photo credit, a button: `Wiki
        // Commons`, `Visit Site`) introduces nobody.
        // Tag the sentence only when it holds two capitalised words in a
        // row past its first word, as a full name there needs.
        let pair_later = ws
            .windows(2)
            .skip(1)
            .any(|p| capitalised(p[0].1) && capitalised(p[1].1));
        let name = if run >= 2 && run < ws.len() {
            clean_name(&name_run(ws))
        } else if pair_later {
            subject().and_then(|n| clean_name(&n))
        } else {
            None
        };
        if let Some(name) = name {
            let known = self.speakers.iter().position(|s| s.key == key_of(&name));
            self.last_named = Some(known.ok_or(name));
            if self.first_named.is_none() {
                self.first_named.clone_from(&self.last_named);
            }
        }
    }

    fn fixed(&mut self, name: &str, kind: SpeakerKind) -> usize {
        match self.speakers.iter().position(|s| s.kind == kind) {
            Some(i) => i,
            None => {
                self.speakers.push(Speaker {
                    name: name.to_string(),
                    kind,
                    quotes: Vec::new(),
                    key: Vec::new(),
                });
                self.speakers.len() - 1
            }
        }
    }

    fn unidentified(&mut self) -> usize {
        self.fixed("unidentified speaker", SpeakerKind::Unidentified)
    }

    fn nobody(&mut self) -> usize {
        self.fixed("no source", SpeakerKind::None)
    }
}

/// A word of a sentence with its byte offset. Between two words that
/// punctuation parts (`Flowers, Monica`, `deMacedo (R-Plymouth)`) stands
/// the word `,`, so that a run of names stops there.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    let mut gap_from = 0;
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '@' | '_');
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, is_word(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = text[s..i].trim_matches(['\'', '’', '-']);
                // A sentence's last period is punctuation, an initial's is not.
                let w = if w.ends_with('.') && w.len() > 4 {
                    &w[..w.len() - 1]
                } else {
                    w
                };
                if w.chars().any(char::is_alphanumeric) {
                    let at = s + text[s..i].find(w).unwrap_or(0);
                    let parted = text[gap_from..at].contains(PARTING);
                    if parted && !out.is_empty() {
                        out.push((gap_from, ","));
                    }
                    out.push((at, w));
                    gap_from = at + w.len();
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Punctuation between two words that ends a name run.
const PARTING: [char; 6] = [',', ';', ':', '(', ')', '—'];

/// A capitalised word, or a handle (`@Lukewsavage`), which names as a name does.
fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) || is_handle(w)
}

fn is_handle(w: &str) -> bool {
    w.strip_prefix('@')
        .is_some_and(|h| h.chars().next().is_some_and(char::is_alphanumeric))
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "van" | "von" | "al" | "da" | "del" | "la" | "le" | "bin"
    )
}

/// Who a cue names, as written: `Maria Lopez`, `the mayor`, `she`.
fn speaker_phrase(outside: &str, cue: Span, quote_ends: &[usize]) -> Option<String> {
    let cue_text = outside.get(cue.start..cue.end)?.trim();
    let lower = cue_text.to_lowercase();
    if lower.starts_with("according to") || lower == "per" {
        return phrase_after(outside, cue.end);
    }
    // A colon introduction or a transcript label: the first name in it.
    if cue_text.ends_with(':') || cue_text.split_whitespace().count() > 2 {
        let ws = words(cue_text);
        let first_name = ws
            .iter()
            .position(|(_, w)| capitalised(w) && !NOT_NAMES.contains(&w.to_lowercase().as_str()));
        if let Some(i) = first_name {
            return Some(name_run(&ws[i..]));
        }
        return ws
            .iter()
            .find(|(_, w)| PRONOUNS.contains(&w.to_lowercase().as_str()))
            .map(|(_, w)| w.to_string());
    }
    let before = &outside[..cue.start];
    // `“…,” said Lopez`: the verb follows a quotation.
    let inverted = before.trim_end_matches([' ', ',', '\n']).is_empty()
        || quote_ends.iter().any(|&e| {
            e <= cue.start
                && before
                    .get(e..)
                    .is_some_and(|g| g.trim_matches([' ', ',', '\n']).is_empty())
        });
    if PRONOUNS.contains(&lower.as_str()) {
        return Some(cue_text.to_string());
    }
    // A speech tag found by its shape starts at the speaker (`Baquet boasted`).
    if capitalised(cue_text) && crate::lexicon::REPORTING_VERBS.use_of(&lower).is_none() {
        let ws = words(&outside[cue.start..]);
        return Some(name_run(&ws));
    }
    if inverted {
        return phrase_after(outside, cue.end);
    }
    name_before(before)
}

/// Capitalised words (and `of`, `de`…) from the start of `ws`.
fn name_run(ws: &[(usize, &str)]) -> String {
    let n = ws
        .iter()
        .take_while(|(_, w)| capitalised(w) || is_connector(w))
        .count()
        .max(1)
        .min(ws.len());
    let mut run: Vec<&str> = ws[..n].iter().map(|(_, w)| *w).collect();
    while run.last().is_some_and(|w| is_connector(w)) {
        run.pop();
    }
    run.join(" ")
}

/// A name run, carried on through a role to the name it introduces:
/// `Republican pollster Neil Newhouse`, `Ebby's mother Laurie Jernigan`.
fn name_and_role(ws: &[(usize, &str)]) -> String {
    let first = name_run(ws);
    let n = first.split_whitespace().count();
    let role = ws[n.min(ws.len())..]
        .iter()
        .take_while(|(_, w)| {
            w.chars().all(char::is_lowercase)
                && !is_connector(w)
                && !PHRASE_STOPS.contains(w)
                && !SKIP.contains(w)
        })
        .count();
    let next = ws
        .get(n + role)
        .filter(|(_, w)| capitalised(w) && !NOT_NAMES.contains(&w.to_lowercase().as_str()));
    if (1..=2).contains(&role) && next.is_some() {
        let rest = name_run(&ws[n + role..]);
        let between: Vec<&str> = ws[n..n + role].iter().map(|(_, w)| *w).collect();
        return format!("{first} {} {rest}", between.join(" "));
    }
    first
}

/// The phrase after `at`: a name (`Maria Lopez`) or a description (`the
/// mayor`, `a person familiar with the talks`), up to punctuation.
fn phrase_after(outside: &str, at: usize) -> Option<String> {
    let rest = outside.get(at..)?;
    let end = rest
        .find([',', ';', ':', '!', '?', '(', ')', '—', '“', '"'])
        .unwrap_or(rest.len());
    let ws = words(&rest[..end]);
    let first = ws.first()?;
    if capitalised(first.1) && !NOT_NAMES.contains(&first.1.to_lowercase().as_str()) {
        return Some(name_and_role(&ws));
    }
    let taken: Vec<&str> = ws
        .iter()
        .take(7)
        .enumerate()
        .take_while(|&(i, (_, w))| i == 0 || !PHRASE_STOPS.contains(&w.to_lowercase().as_str()))
        .map(|(_, (_, w))| *w)
        .collect();
    (!taken.is_empty()).then(|| taken.join(" "))
}

/// The subject before a reporting verb: `Maria Lopez`, skipping `also`,
/// `has` and an appositive in commas (`Lopez, the mayor, said`).
fn name_before(before: &str) -> Option<String> {
    let mut ws = words(before);
    while ws
        .last()
        .is_some_and(|(_, w)| SKIP.contains(&w.to_lowercase().as_str()))
    {
        ws.pop();
    }
    let (last_at, last) = *ws.last()?;
    let between = &before[last_at + last.len()..];
    // Only the clause the subject is in: after the last comma that is not
    // an appositive's.
    let clause_start = |ws: &[(usize, &str)], text: &str| {
        let cut = text.rfind([',', ';', ':', '—']).map_or(0, |i| i + 1);
        ws.iter().position(|&(at, _)| at >= cut).unwrap_or(ws.len())
    };
    if between.contains(',') {
        // `Lopez, the mayor, said` / `Lopez, who voted no, said`: the
        // subject is before the appositive's opening comma.
        let head = &before[..last_at];
        if let Some(open) = head.rfind(',') {
            let subject = words(&head[..open]);
            if subject.last().is_some_and(|(_, w)| capitalised(w)) {
                return name_back(&subject);
            }
        }
    }
    let from = clause_start(&ws, before.trim_end_matches([' ', ',']));
    name_back(&ws[from.min(ws.len().saturating_sub(1))..])
}

/// The name or noun phrase that ends `ws`.
fn name_back(ws: &[(usize, &str)]) -> Option<String> {
    let (_, last) = *ws.last()?;
    if capitalised(last) && !NOT_NAMES.contains(&last.to_lowercase().as_str()) {
        let n = ws
            .iter()
            .rev()
            .take_while(|(_, w)| {
                (capitalised(w) || is_connector(w))
                    && !NOT_NAMES.contains(&w.to_lowercase().as_str())
            })
            .count();
        let mut run: Vec<&str> = ws[ws.len() - n..].iter().map(|(_, w)| *w).collect();
        // `… of Americans Mrs. Obama`: a run starts at a capital, not `of`.
        while run.first().is_some_and(|w| is_connector(w)) {
            run.remove(0);
        }
        return Some(run.join(" "));
    }
    if PRONOUNS.contains(&last.to_lowercase().as_str()) {
        return Some(last.to_string());
    }
    // `the mayor said`, `one of the students said`: back to the first
    // determiner of the clause.
    let back = ws.len().saturating_sub(8).max(
        ws.iter()
            .rposition(|(_, w)| CLAUSE_JOINS.contains(&w.to_lowercase().as_str()))
            .map_or(0, |i| i + 1),
    );
    let det =
        (back..ws.len()).find(|&i| SPEAKER_DETERMINERS.contains(&ws[i].1.to_lowercase().as_str()));
    // Without a determiner, one lowercase word: a noun (`police`), or a
    // verb or participle that names nobody (`interrupted`, `it`).
    if det.is_none() {
        let w = last.to_lowercase();
        if w == "it"
            || w.ends_with("ed")
            || w.ends_with("ing")
            || w.chars().any(|c| c.is_ascii_digit())
        {
            return None;
        }
    }
    // `Clinton's campaign said`: the owner names the body.
    let owner =
        ws.len() >= 2 && is_possessive(ws[ws.len() - 2].1) && capitalised(ws[ws.len() - 2].1);
    let from = det.unwrap_or(ws.len() - 1 - usize::from(owner));
    let from = if from > 0 && ws[from - 1].1.eq_ignore_ascii_case("one") {
        from - 1
    } else {
        from
    };
    // `a followup statement after her apology`: the phrase ends where a
    // preposition or clause begins.
    let to = (from + 1..ws.len())
        .find(|&i| PHRASE_STOPS.contains(&ws[i].1.to_lowercase().as_str()))
        .unwrap_or(ws.len());
    Some(
        ws[from..to]
            .iter()
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn is_possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s") || w.ends_with("s'") || w.ends_with("s’")
}

/// A speaker phrase as the ledger lists it, or `None` when it cannot name
/// one who speaks:
///
/// - a role after an owner is the person it names (`KARK-TV's Mitch
///   McCoy` → `Mitch McCoy`; `Ebby's mother Laurie` → `Laurie`);
/// - a trailing possessive (`Jemele Hill’s`) and weekday (`Gov. Pat
///   McCrory Sunday`) go;
/// - a party and district (`R-Plymouth`) alone names nobody, nor does a
///   phrase whose last word is not a noun, a name or a lone pronoun
///   (`explicitly`, `unrealistic`, `a sign which`).
fn clean_name(phrase: &str) -> Option<String> {
    let mut ws: Vec<&str> = phrase.split_whitespace().collect();
    // `Twitter user @Scott_Gilmore`: the handle is who speaks.
    if let Some(handle) = ws.iter().find(|w| is_handle(w)) {
        return Some((*handle).to_string());
    }
    let owner = (0..ws.len().saturating_sub(1))
        .rev()
        .find(|&i| is_possessive(ws[i]) && ws[i + 1..].iter().any(|w| capitalised(w)));
    if let Some(i) = owner {
        ws.drain(..=i);
        while ws.first().is_some_and(|w| !capitalised(w)) {
            ws.remove(0);
        }
    }
    while ws.len() > 1
        && ws
            .last()
            .is_some_and(|w| DATE_WORDS.contains(&w.trim_end_matches('.').to_lowercase()))
    {
        ws.pop();
    }
    let mut name = ws.join(" ");
    if ws.len() >= 2 || capitalised(&name) {
        for tail in ["'s", "’s"] {
            if let Some(stem) = name.strip_suffix(tail) {
                name = stem.to_string();
            }
        }
    }
    if ws.is_empty() || is_party_tag(&name) || !can_speak(&name) {
        return None;
    }
    Some(name)
}

/// Whether the cue is a participle with no finite verb before it in its
/// sentence (`A poll asserting that …`): it describes a noun, and the
/// sentence names no speaker.
fn modifies_a_noun(outside: &str, cue: Span) -> bool {
    use copydesk_tagger::{Tagger, Upos};
    let Some(cue_text) = outside.get(cue.start..cue.end) else {
        return false;
    };
    if cue_text.contains(char::is_whitespace) || !cue_text.to_lowercase().ends_with("ing") {
        return false;
    }
    let mut tokens = Vec::new();
    Tagger::embedded().tag(&outside[..cue.end], &mut tokens);
    !tokens.iter().any(|t| {
        t.span.range().end <= cue.start
            && matches!(t.upos, Upos::Verb | Upos::Aux)
            && t.feats.is_finite()
    })
}

/// `Kelly bid farewell to her guest, saying, “…”`: a participle after a
/// comma speaks for the subject of the verb before it (`Kelly`), not for
/// the noun beside it.
fn participle_subject(outside: &str, cue: Span) -> Option<String> {
    use copydesk_tagger::{Tagger, Upos};
    let cue_text = outside.get(cue.start..cue.end)?;
    let before = outside[..cue.start].trim_end();
    if !before.ends_with(',') || !cue_text.to_lowercase().ends_with("ing") {
        return None;
    }
    let mut tokens = Vec::new();
    Tagger::embedded().tag(before, &mut tokens);
    let verb = tokens
        .iter()
        .rposition(|t| matches!(t.upos, Upos::Verb | Upos::Aux) && t.feats.is_finite())?;
    let run = tokens[..verb]
        .iter()
        .rev()
        .take_while(|t| t.upos == Upos::Propn)
        .count();
    let first = tokens.get(verb.checked_sub(run)?)?;
    (run > 0)
        .then(|| before[first.span.range().start..tokens[verb - 1].span.range().end].to_string())
}

/// The full name (two proper nouns or more) that is the subject of a
/// sentence's first finite verb, past a footnote mark or an appositive's
/// commas before the verb (`…, David Duke, [10] tweeted`).
fn subject_name(a: &Analysis<'_>, s: &Sentence) -> Option<String> {
    use analysis::tokens::Upos;
    let tokens = a.tokens(s);
    let verb = tokens.iter().position(|t| t.is_finite_verb())?;
    let last = tokens[..verb]
        .iter()
        .rposition(|t| !matches!(t.upos, Upos::Punct | Upos::Num))?;
    let run = tokens[..=last]
        .iter()
        .rev()
        .take_while(|t| t.upos == Upos::Propn)
        .count();
    (run >= 2).then(|| {
        let span = Span::new(tokens[last + 1 - run].span.start, tokens[last].span.end);
        a.text(span).to_string()
    })
}

/// Words that date a statement (`[date-words]`, which the analysis reads
/// too), lowercase and without a final period: they follow a name in `said
/// Gov. Pat McCrory Sunday`.
static DATE_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::lexicon::words("date-words")
        .iter()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
});

/// `R-Plymouth`, `D-Calif.`: a legislator's party and district.
fn is_party_tag(w: &str) -> bool {
    let mut cs = w.chars();
    matches!(
        (cs.next(), cs.next(), cs.next()),
        (Some('R' | 'D' | 'I'), Some('-'), Some(c)) if c.is_uppercase()
    ) && !w.contains(' ')
}

/// Whether a phrase's last word, as the subject of "said", is a noun, a
/// name or (alone) a pronoun: what can speak.
fn can_speak(phrase: &str) -> bool {
    use copydesk_tagger::{Tagger, Upos};
    let probe = format!("{phrase} said so.");
    let mut tokens = Vec::new();
    Tagger::embedded().tag(&probe, &mut tokens);
    let last = tokens
        .iter()
        .take_while(|t| t.span.range().end <= phrase.len())
        .last();
    match last.map(|t| t.upos) {
        Some(Upos::Propn | Upos::Noun | Upos::Num | Upos::X) => true,
        Some(Upos::Pron) => !phrase.contains(' '),
        _ => false,
    }
}

/// A described, unnamed speaker: its words are all lowercase (after a
/// leading determiner) and it names a kind of source.
fn is_anonymous(phrase: &str) -> bool {
    let ws: Vec<String> = phrase
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    !is_proper(phrase)
        && ws
            .iter()
            .any(|w| ANONYMOUS.contains(&w.as_str()) || ANONYMOUS_MARKERS.contains(&w.as_str()))
}

/// Whether a phrase carries a proper name (a capitalised word that is not
/// just the sentence's first word or a title).
fn is_proper(phrase: &str) -> bool {
    phrase.split_whitespace().enumerate().any(|(i, w)| {
        capitalised(w)
            && !NOT_NAMES.contains(&w.to_lowercase().as_str())
            && !(i == 0
                && phrase.split_whitespace().count() > 1
                && !capitalised(phrase.split_whitespace().nth(1).unwrap_or("")))
    })
}

/// Lowercased name words without titles and determiners: `Mayor Maria
/// Lopez` → `maria lopez`, `the mayor` → `mayor`.
fn key_of(name: &str) -> Vec<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let proper = is_proper(name);
    // A name is its capitalised words (`board chair Lorraine Bisset` →
    // `lorraine bisset`); a description all its words but articles.
    let caps: Vec<bool> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(capitalised)
        .collect();
    let kept: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| !proper || caps.get(*i).copied().unwrap_or(true))
        .map(|(_, w)| w)
        .filter(|w| !matches!(w.as_str(), "the" | "a" | "an"))
        .filter(|w| !proper || !TITLES.contains(&w.as_str()))
        .cloned()
        .collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ledger as `(speaker, kind, excerpts)`.
    fn who(text: &str) -> Vec<(String, SpeakerKind, Vec<String>)> {
        ledger(text, Format::Markdown)
            .into_iter()
            .map(|s| {
                let quotes = s.quotes.iter().map(|q| q.excerpt.clone()).collect();
                (s.name, s.kind, quotes)
            })
            .collect()
    }

    fn names(text: &str) -> Vec<(String, usize)> {
        ledger(text, Format::Markdown)
            .into_iter()
            .map(|s| (s.name, s.quotes.len()))
            .collect()
    }

    #[test]
    fn speakers_from_each_kind_of_cue() {
        let cases: &[(&str, &str)] = &[
            ("“We will not let this stand,” said Maria Lopez.", "Maria Lopez"),
            ("“We will not let this stand,” Maria Lopez said.", "Maria Lopez"),
            ("“We will not let this stand,” Lopez told reporters.", "Lopez"),
            ("Maria Lopez said: “We will not let this stand.”", "Maria Lopez"),
            ("Maria Lopez, the mayor, said, “We will not let this stand.”", "Maria Lopez"),
            ("Council President Marisol Estrada, who voted with the majority, said “We will not let this stand.”", "Council President Marisol Estrada"),
            ("“We will not let this stand,” said the mayor.", "the mayor"),
            ("“We will not let this stand,” according to the mayor.", "the mayor"),
            ("“We will not let this stand,” Baquet boasted.", "Baquet"),
            // A dash signature, and a text put out the paragraph before.
            ("**The claim:** “We will not let this stand.” — State Sen. Wade Corliss, in a video", "State Sen. Wade Corliss"),
            ("Indiana University has also issued a statement.\n\n“We will not let this stand.”", "Indiana University"),
        ];
        let mut wrong = Vec::new();
        for (text, want) in cases {
            let got = names(text);
            if got != vec![((*want).to_string(), 1)] {
                wrong.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn later_surnames_and_pronouns_join_the_first_full_name() {
        let text =
            "Mayor Maria Lopez opened the meeting. “We will not let this stand,” she said.\n\n\
                    “The budget is balanced and the books are open,” Lopez said.\n\n\
                    “Nobody asked us about any of this,” said Tom Reyes.\n\n\
                    “I have nothing more to add today,” Ms. Lopez said.\n";
        assert_eq!(
            names(text),
            vec![
                ("Mayor Maria Lopez".to_string(), 3),
                ("Tom Reyes".to_string(), 1)
            ]
        );
    }

    #[test]
    fn two_people_with_one_surname_stay_apart() {
        let text = "“We will not let this stand,” said Maria Lopez.\n\n\
                    “We will see about that one,” said Ana Lopez.\n\n\
                    “Nothing is decided yet, not at all,” Lopez said.\n";
        let got = names(text);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn anonymous_and_unsourced_quotes_are_marked() {
        let text = "“The talks are dead and everyone knows it,” a person familiar with the negotiations said.\n\n\
                    The room went quiet. “Nobody is coming. We are on our own here.”\n";
        let got = who(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "a person familiar with the negotiations");
        assert_eq!(got[0].1, SpeakerKind::Anonymous);
        assert_eq!(got[1].0, "no source");
        assert_eq!(got[1].1, SpeakerKind::None);
        assert_eq!(
            got[1].2,
            vec!["Nobody is coming. We are on our…".to_string()]
        );
    }

    #[test]
    fn a_name_before_an_apposition_and_its_clause_is_the_speaker() {
        // The words before `said` are a relative clause's object; the
        // analysis reads the clause back to the name (session 25).
        let got = names(
            "“I will lose a whole day of pay,” Denise Arroyo, 58, a home health aide \
             who rides the bus to three clients a day, said.\n\n\
             Tom Baird, 44, a driver who covers the night routes, said: “I see the empty buses.”\n",
        );
        let got: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(got, vec!["Denise Arroyo", "Tom Baird"]);
    }

    #[test]
    fn a_pronoun_with_no_one_before_it_is_no_source() {
        let got = who("“We will not let this stand, not now,” she said.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, SpeakerKind::None, "{got:?}");
    }

    #[test]
    fn cues_that_name_nobody_are_unidentified() {
        for text in [
            "“We will not let this stand, not now,” it said.",
            "The board met. “We will not let this stand, not now,” she said.",
        ] {
            let got = who(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, SpeakerKind::Unidentified, "{text}: {got:?}");
        }
    }

    #[test]
    fn speaker_phrases_are_cleaned_to_who_speaks() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Jemele Hill’s", Some("Jemele Hill")),
            ("KARK-TV's Mitch McCoy", Some("Mitch McCoy")),
            ("Ebby's mother Laurie Jernigan", Some("Laurie Jernigan")),
            ("Clinton’s campaign", Some("Clinton’s campaign")),
            ("Gov. Pat McCrory Sunday", Some("Gov. Pat McCrory")),
            ("Twitter @Lukewsavage", Some("@Lukewsavage")),
            ("Maria Lopez", Some("Maria Lopez")),
            ("the mayor", Some("the mayor")),
            (
                "a person familiar with the talks",
                Some("a person familiar with the talks"),
            ),
            ("R-Plymouth", None),
            ("explicitly", None),
            ("unrealistic", None),
            ("a sign which", None),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(phrase, want)| clean_name(phrase).as_deref() != *want)
            .map(|(phrase, want)| format!("{phrase}: want {want:?}, got {:?}", clean_name(phrase)))
            .collect();
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn names_in_a_list_are_several_people() {
        for (text, want) in [
            (
                "Gennifer Flowers, Monica Lewinsky, Paula Jones",
                "Gennifer Flowers",
            ),
            ("Vinny deMacedo (R-Plymouth)", "Vinny"),
            ("Maria de la Cruz said", "Maria de la Cruz"),
        ] {
            assert_eq!(name_run(&words(text)), want, "{text}");
        }
    }

    #[test]
    fn ledger_speakers_are_people_roles_and_bodies() {
        let cases: &[(&str, &[(&str, usize)])] = &[
            // A role after an owner, and the owner's name kept out.
            ("“That is the worst case to me,” said Ebby's mother Laurie Jernigan.", &[("Laurie Jernigan", 1)]),
            ("“Voters on the bubble will stay home,” said Republican pollster Neil Newhouse.", &[("Republican pollster Neil Newhouse", 1)]),
            // A participle describing a noun attributes nothing.
            ("A poll asserting that “most voters have made up their minds” was cited.", &[]),
            ("A poll asserting that turnout would fall was cited. “I watched it all come down,” she said.", &[("unidentified speaker", 1)]),
            // A weekday after the name is not part of it; the surname joins.
            ("“This is an attack on our democracy,” said Gov. Pat McCrory Sunday.\n\n“We will rebuild the office by next week,” McCrory said.", &[("Gov. Pat McCrory", 2)]),
            // A participle after a comma speaks for the verb's subject.
            ("As the segment drew to an end, Kelly bid farewell to her contentious guest, saying, “We are going to have to leave it at that.”", &[("Kelly", 1)]),
            // A photo credit alone on its line introduces nobody.
            ("Wiki Commons\n\n“We are going to start winning so much,” he has said.", &[("unidentified speaker", 1)]),
            // Quoted only in a fragment woven into the sentence: listed
            // when the speaker stands by the verb, not across a clause.
            ("Sen. Sonia Chang-Diaz called the amendment “a complete lie about the bill.”", &[("Sen. Sonia Chang-Diaz", 1)]),
            ("John Fetterman, mayor of Braddock, Pennsylvania, on Friday, said he had no “panicked calls from the campaign.”", &[]),
            // A pronoun the analysis resolves in its own sentence is that
            // person, not the last one named.
            ("Cuomo said, “I never mentioned the election.”\n\nThe coda comes from Kellyanne Conway, who went on “Fox & Friends,” where she talked about Clinton.\n\n“We only have to talk about her because people won't let go of an election she lost.”", &[("Cuomo", 1), ("Kellyanne Conway", 1)]),
            // A line in headline case introduces nobody for a later pronoun,
            // and its words do not rename a speaker.
            ("“We do not take sides in politics,” ESPN said.\n\n“I stand by every word of it,” Jemele Hill said.\n\n4. Hill Joined ESPN in 2006 &amp; Mentioned Race in Her Columns\n\nShe wrote a column a week. “It was a different job back then,” she said.", &[("ESPN", 1), ("Jemele Hill", 2)]),
            // A given name alone joins the full name given earlier; two
            // people with one surname stay apart.
            ("“That is the worst case to me,” said Laurie Jernigan.\n\n“I know two of the individuals,” said Stepdad Michael Jernigan.\n\n“She didn't realize the danger,” said Laurie.\n\n“They stated that she left,” said Michael.", &[("Laurie Jernigan", 2), ("Stepdad Michael Jernigan", 2)]),
            // A surname quoted only in a fragment agrees with the full name
            // and role the draft gave earlier.
            ("State Department spokesman Mark Toner said Friday that the department is looking into it.\n\nToner said they can't make any assumptions, “but they may well be relevant.”", &[("Mark Toner", 1)]),
            // A conjunction that opens the sentence is not part of the name.
            ("Though Trump has repeatedly claimed “it was only locker room talk” since the tape leaked, more women have come forward.", &[("Trump", 1)]),
            // A colon introduction's source after a preposition.
            ("Many people trust whoever sounds sure. From Wikipedia:\n\n“In repeated instances of the experiments, it was found that status makes agreement likelier.”", &[("Wikipedia", 1)]),
            // The subject of a sentence's verb, not only its opening words,
            // is whom a later pronoun means.
            ("“We are going to win this state,” said Donald Trump.\n\nThat day, a former state senator, David Duke, tweeted his support. He said, “Thank you for your honesty and courage.”", &[("Donald Trump", 1), ("David Duke", 1)]),
            // The sentence before names the one whose first-person words
            // open the next paragraph (as it names them there: `Okafor`);
            // `she` there is filed under the name it stands for, not the
            // bare pronoun.
            ("Harriet Okafor spent twenty years at the plant. Okafor viewed the merger as a betrayal.\n\n“I gave that company my best years.”", &[("Okafor", 1)]),
            ("The call came at dawn, and Beatriz Lindahl was already awake. By six she was kneeling in the straw, talking to the heifer.\n\n“Come on, mama. I'm right here.”", &[("Beatriz Lindahl", 1)]),
            // The interviewee is the person the introduction names first,
            // not the one who asks.
            ("Maria Lopez took over the department in June. Tom Reyes, a council member, asked her about it.\n\n**Q: What surprised you most about the job?**\n\n\"Honestly, the overtime. We pay people to work double shifts.\"\n\n**Q: Will the levy pass?**\n\n\"I think voters understand what is at stake.\"", &[("Maria Lopez", 2)]),
            // An interview's answers are the interviewee's; a question is not a quotation.
            ("Maria Lopez took over in June.\n\nQ: “What surprised you most about the job?”\n\nA: “Honestly, the overtime. We pay people to work double shifts.”\n\nQ: Will the levy pass?\n\nA: “I think voters understand what is at stake.”", &[("Maria Lopez", 2)]),
        ];
        let mut wrong = Vec::new();
        for (text, want) in cases {
            let got = names(text);
            let want: Vec<(String, usize)> =
                want.iter().map(|(n, c)| ((*n).to_string(), *c)).collect();
            if got != want {
                wrong.push(format!("{text}\n  want {want:?}\n  got  {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn scare_quotes_and_titles_are_not_in_the_ledger() {
        assert!(who("The band played “Born to Run” twice, calling it “mail-in” magic.").is_empty());
    }

    #[test]
    fn signed_block_quotes_and_run_ons() {
        let text = "> We will not let this stand, not now and not ever.\n>\n> — Maria Lopez, mayor\n\n\
                    “We will not let this stand,” said Tom Reyes. “And we will fight it in court.\n\n\
                    “Every step of the way, with everything we have.”\n";
        assert_eq!(
            names(text),
            vec![("Maria Lopez".to_string(), 1), ("Tom Reyes".to_string(), 3)]
        );
    }
}
