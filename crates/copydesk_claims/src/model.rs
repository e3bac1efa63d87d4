//! The model file: a header text, three thresholds, a bias and a table of
//! weights, little-endian, read in place.
//!
//! ```text
//! "CDCLAIM1"
//! u32 header length, header (UTF-8)
//! u32 bits               the table holds 2^bits weights
//! f32 thresholds[3]      low, medium, high sensitivity (probabilities)
//! f32 bias
//! f32 weights[2^bits]
//! ```

const MAGIC: &[u8; 8] = b"CDCLAIM1";
/// The promo model's file ([`crate::promo`]): the same layout, its own tag.
pub const PROMO_MAGIC: &[u8; 8] = b"CDPROMO1";
const MAX_BITS: u32 = 24;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    BadMagic,
    Truncated,
    BadHeader,
    BadBits(u32),
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::BadMagic => f.write_str("not a copydesk claim model"),
            ModelError::Truncated => f.write_str("the claim model file is truncated"),
            ModelError::BadHeader => f.write_str("the claim model header is not UTF-8"),
            ModelError::BadBits(b) => write!(f, "the claim model has an unusable table size 2^{b}"),
        }
    }
}

impl std::error::Error for ModelError {}

#[derive(Debug)]
pub struct Model<'a> {
    pub header: &'a str,
    pub bits: u32,
    pub thresholds: [f32; 3],
    pub bias: f32,
    weights: &'a [u8],
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Truncated);
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

impl<'a> Model<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        Model::parse_tagged(bytes, MAGIC)
    }

    /// Reads a model file whose first eight bytes are `magic`.
    pub fn parse_tagged(bytes: &'a [u8], magic: &[u8; 8]) -> Result<Model<'a>, ModelError> {
        let mut r = Reader(bytes);
        if r.take(8)? != magic {
            return Err(ModelError::BadMagic);
        }
        let len = r.u32()? as usize;
        let header = std::str::from_utf8(r.take(len)?).map_err(|_| ModelError::BadHeader)?;
        let bits = r.u32()?;
        if bits == 0 || bits > MAX_BITS {
            return Err(ModelError::BadBits(bits));
        }
        let thresholds = [r.f32()?, r.f32()?, r.f32()?];
        let bias = r.f32()?;
        let weights = r.take(4usize << bits)?;
        Ok(Model {
            header,
            bits,
            thresholds,
            bias,
            weights,
        })
    }

    pub fn mask(&self) -> u32 {
        (1u32 << self.bits) - 1
    }

    /// The weight in slot `index` (already masked by the caller).
    pub fn weight(&self, index: u32) -> f32 {
        let i = (index & self.mask()) as usize * 4;
        let b = &self.weights[i..i + 4];
        f32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }
}

/// Serialises a model; the trainer's half of [`Model::parse`].
pub fn write(header: &str, bits: u32, thresholds: [f32; 3], bias: f32, weights: &[f32]) -> Vec<u8> {
    write_tagged(MAGIC, header, bits, thresholds, bias, weights)
}

/// [`write`] with another file tag (the promo model's, [`PROMO_MAGIC`]).
pub fn write_tagged(
    magic: &[u8; 8],
    header: &str,
    bits: u32,
    thresholds: [f32; 3],
    bias: f32,
    weights: &[f32],
) -> Vec<u8> {
    assert_eq!(weights.len(), 1usize << bits, "table size must be 2^bits");
    let mut out = Vec::with_capacity(32 + header.len() + weights.len() * 4);
    out.extend_from_slice(magic);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(&bits.to_le_bytes());
    for t in thresholds {
        out.extend_from_slice(&t.to_le_bytes());
    }
    out.extend_from_slice(&bias.to_le_bytes());
    for w in weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_damage() {
        let w = vec![0.5f32; 4];
        let bytes = write("hello", 2, [0.9, 0.7, 0.5], -1.0, &w);
        let m = Model::parse(&bytes).unwrap();
        assert_eq!(m.header, "hello");
        assert_eq!(m.thresholds, [0.9, 0.7, 0.5]);
        assert_eq!(m.weight(3), 0.5);
        assert_eq!(
            Model::parse(&bytes[..bytes.len() - 1]).unwrap_err(),
            ModelError::Truncated
        );
        assert_eq!(Model::parse(b"nonsense").unwrap_err(), ModelError::BadMagic);
    }
}
