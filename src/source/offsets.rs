//! Piecewise-linear maps between two texts, for reporting positions in the
//! file as written when the rules ran on something else: markup removed and
//! entities decoded (text → source text), or another encoding decoded
//! (source text → file bytes).

/// A sorted list of anchor points `(from, to)`: between two anchors both
/// sides advance together, so a run of copied text needs one point only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The map that adds `shift` to every offset (a byte-order mark).
    pub fn shifted(shift: usize) -> OffsetMap {
        OffsetMap {
            points: vec![(0, shift)],
        }
    }

    /// Records that offset `from` corresponds to `to`; calls must come in
    /// increasing order of `from` (and of `to`).
    pub fn push(&mut self, from: usize, to: usize) {
        match self.points.last_mut() {
            Some(last) if last.0 == from => last.1 = to,
            _ => self.points.push((from, to)),
        }
    }

    pub fn map(&self, from: usize) -> usize {
        let i = self.points.partition_point(|&(f, _)| f <= from);
        match i.checked_sub(1).map(|i| self.points[i]) {
            Some((f, t)) => t + (from - f),
            None => from,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_map_is_identity_and_shift_adds() {
        assert_eq!(OffsetMap::default().map(7), 7);
        assert_eq!(OffsetMap::shifted(3).map(7), 10);
    }

    #[test]
    fn runs_between_anchors_advance_together() {
        // "a&amp;b" decoded to "a&b": '&' at 1 ← 1, 'b' at 2 ← 6.
        let mut map = OffsetMap::default();
        map.push(0, 0);
        map.push(2, 6);
        assert_eq!(
            (map.map(0), map.map(1), map.map(2), map.map(3)),
            (0, 1, 6, 7)
        );
    }
}
