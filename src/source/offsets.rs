//! Piecewise-linear maps between two texts, for reporting positions in the
//! file as written when the rules ran on something else: markup removed and
//! entities decoded (text → source text), or another encoding decoded
//! (source text → file bytes).

/// A sorted list of anchor points `(from, to)`: between two anchors both
/// sides advance together, so a run of copied text needs one point only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    points: Vec<(usize, usize)>,
    /// Where spans ending at `from` end, for the ends of rewritten pieces (a
    /// decoded entity): their text is shorter than what they stand for.
    ends: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The map that adds `shift` to every offset (a byte-order mark).
    pub fn shifted(shift: usize) -> OffsetMap {
        OffsetMap {
            points: vec![(0, shift)],
            ends: Vec::new(),
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

    /// Records that a span ending at `from` ends at `to`: the piece before
    /// `from` was rewritten and stands for text up to `to`. Calls must come
    /// in increasing order of `from`.
    pub fn push_end(&mut self, from: usize, to: usize) {
        match self.ends.last_mut() {
            Some(last) if last.0 == from => last.1 = to,
            _ => self.ends.push((from, to)),
        }
    }

    /// Where the text starting at `from` starts on the other side.
    pub fn map(&self, from: usize) -> usize {
        let i = self.points.partition_point(|&(f, _)| f <= from);
        let mapped = match i.checked_sub(1).map(|i| self.points[i]) {
            Some((f, t)) => t + (from - f),
            None => from,
        };
        mapped.min(self.bound_after(from))
    }

    /// The least offset an anchor after `from` leads to. Inside a rewritten
    /// piece longer than what it stands for, counting on from its start
    /// would run past the text that follows it (or past the end).
    fn bound_after(&self, from: usize) -> usize {
        let after = |anchors: &[(usize, usize)]| {
            anchors
                .get(anchors.partition_point(|&(f, _)| f <= from))
                .map(|&(_, t)| t)
        };
        after(&self.points)
            .into_iter()
            .chain(after(&self.ends))
            .min()
            .unwrap_or(usize::MAX)
    }

    /// Where a span ending at `from` ends on the other side: right after its
    /// last character, so that markup skipped after it (`</em>`) stays out.
    pub fn map_end(&self, from: usize) -> usize {
        if let Ok(i) = self.ends.binary_search_by_key(&from, |&(f, _)| f) {
            return self.ends[i].1;
        }
        let i = self.points.partition_point(|&(f, _)| f < from);
        match i.checked_sub(1).map(|i| self.points[i]) {
            Some((f, t)) => (t + (from - f)).min(self.bound_after(from)),
            None => self.map(from),
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

    #[test]
    fn span_ends_leave_skipped_markup_out_but_take_whole_entities() {
        // "<b>Kiev</b> &amp; more" read as "Kiev & more".
        let mut map = OffsetMap::default();
        map.push(0, 3);
        map.push(4, 11);
        map.push(5, 12);
        map.push_end(6, 17);
        map.push(6, 17);
        assert_eq!((map.map(0), map.map_end(4)), (3, 7), "Kiev without </b>");
        assert_eq!((map.map(5), map.map_end(6)), (12, 17), "& is all of &amp;");
        assert_eq!(map.map_end(11), 22);
        assert_eq!(OffsetMap::shifted(3).map_end(0), 3);
    }

    #[test]
    fn a_rewritten_piece_longer_than_its_source_stays_inside_it() {
        // "ab" read as "xyz…" (10 bytes) standing for source 2..3, then "c" at 3.
        let mut map = OffsetMap::default();
        map.push(2, 2);
        map.push_end(12, 3);
        map.push(12, 3);
        assert_eq!((map.map(5), map.map_end(5), map.map(12)), (3, 3, 3));
        // The same piece at the very end of the text.
        let mut map = OffsetMap::default();
        map.push(2, 2);
        map.push_end(12, 3);
        assert_eq!((map.map(5), map.map_end(5)), (3, 3));
    }
}
