//! The tag vocabulary: the 17 universal parts of speech and the three
//! morphological features the rules read (verb form, tense, number).
//!
//! A model predicts one *label* per token: a UPOS together with those
//! features, e.g. `VERB|Fin|Past|Sing`. The label table lives in the model
//! file, so the set is data, not code.

/// Universal part-of-speech tags (Universal Dependencies v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// All tags, in the order of their discriminants.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The UD spelling, e.g. `"PROPN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parses the UD spelling; `None` for anything else (including `_`).
    pub fn from_ud(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }

    pub(crate) fn from_u8(b: u8) -> Option<Upos> {
        Upos::ALL.get(usize::from(b)).copied()
    }

    /// Whether the features (verb form, tense, number) are predicted for this
    /// tag; for the others they are always empty.
    pub fn has_feats(self) -> bool {
        matches!(
            self,
            Upos::Noun | Upos::Propn | Upos::Pron | Upos::Verb | Upos::Aux
        )
    }
}

/// `VerbForm`: finite, infinitive, participle or gerund.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VerbForm {
    Fin,
    Inf,
    Part,
    Ger,
}

/// `Tense`, as UD English marks it: past or present.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tense {
    Past,
    Pres,
}

/// `Number`: singular or plural (UD's `Ptan`, plurale tantum, reads as plural).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Number {
    Sing,
    Plur,
}

/// The morphological features the rules read. Only set on nouns, proper
/// nouns, pronouns, verbs and auxiliaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Feats {
    pub verb_form: Option<VerbForm>,
    pub tense: Option<Tense>,
    pub number: Option<Number>,
}

impl Feats {
    /// A finite verb form (`VerbForm=Fin`): it can head a clause, as "said" in
    /// "Ruiz said" can and "said" in "the said report" cannot.
    pub fn is_finite(self) -> bool {
        self.verb_form == Some(VerbForm::Fin)
    }

    /// Reads the UD FEATS column (`Mood=Ind|Number=Sing|...` or `_`), keeping
    /// only the three features this crate predicts.
    pub fn from_ud(s: &str) -> Feats {
        let mut f = Feats::default();
        for kv in s.split('|') {
            let Some((k, v)) = kv.split_once('=') else {
                continue;
            };
            match k {
                "VerbForm" => {
                    f.verb_form = match v {
                        "Fin" => Some(VerbForm::Fin),
                        "Inf" => Some(VerbForm::Inf),
                        "Part" => Some(VerbForm::Part),
                        "Ger" => Some(VerbForm::Ger),
                        _ => None,
                    }
                }
                "Tense" => {
                    f.tense = match v {
                        "Past" => Some(Tense::Past),
                        "Pres" => Some(Tense::Pres),
                        _ => None,
                    }
                }
                "Number" => {
                    f.number = match v {
                        "Sing" => Some(Number::Sing),
                        "Plur" | "Ptan" => Some(Number::Plur),
                        _ => None,
                    }
                }
                _ => {}
            }
        }
        f
    }

    /// Packs into one byte: 3 bits verb form, 2 bits tense, 2 bits number.
    #[cfg(feature = "train")]
    pub(crate) fn to_byte(self) -> u8 {
        let vf = match self.verb_form {
            None => 0,
            Some(VerbForm::Fin) => 1,
            Some(VerbForm::Inf) => 2,
            Some(VerbForm::Part) => 3,
            Some(VerbForm::Ger) => 4,
        };
        let t = match self.tense {
            None => 0,
            Some(Tense::Past) => 1,
            Some(Tense::Pres) => 2,
        };
        let n = match self.number {
            None => 0,
            Some(Number::Sing) => 1,
            Some(Number::Plur) => 2,
        };
        vf | (t << 3) | (n << 5)
    }

    pub(crate) fn from_byte(b: u8) -> Option<Feats> {
        let verb_form = match b & 7 {
            0 => None,
            1 => Some(VerbForm::Fin),
            2 => Some(VerbForm::Inf),
            3 => Some(VerbForm::Part),
            4 => Some(VerbForm::Ger),
            _ => return None,
        };
        let tense = match (b >> 3) & 3 {
            0 => None,
            1 => Some(Tense::Past),
            2 => Some(Tense::Pres),
            _ => return None,
        };
        let number = match (b >> 5) & 3 {
            0 => None,
            1 => Some(Number::Sing),
            2 => Some(Number::Plur),
            _ => return None,
        };
        if b >> 7 != 0 {
            return None;
        }
        Some(Feats {
            verb_form,
            tense,
            number,
        })
    }
}

/// A predicted label: part of speech plus features.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub upos: Upos,
    pub feats: Feats,
}

impl Label {
    /// The label a UD word carries here: its UPOS and, for the tags that have
    /// them, its verb form, tense and number.
    pub fn from_ud(upos: Upos, feats: &str) -> Label {
        let feats = if upos.has_feats() {
            Feats::from_ud(feats)
        } else {
            Feats::default()
        };
        Label { upos, feats }
    }
}

impl std::fmt::Display for Label {
    /// `VERB|Fin|Past|Sing`, with `_` for a feature that is not set.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let vf = match self.feats.verb_form {
            None => "_",
            Some(VerbForm::Fin) => "Fin",
            Some(VerbForm::Inf) => "Inf",
            Some(VerbForm::Part) => "Part",
            Some(VerbForm::Ger) => "Ger",
        };
        let t = match self.feats.tense {
            None => "_",
            Some(Tense::Past) => "Past",
            Some(Tense::Pres) => "Pres",
        };
        let n = match self.feats.number {
            None => "_",
            Some(Number::Sing) => "Sing",
            Some(Number::Plur) => "Plur",
        };
        write!(f, "{}|{vf}|{t}|{n}", self.upos.as_str())
    }
}
