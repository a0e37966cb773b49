//! Hand-written inline SVG for the report's charts: a plot frame that maps data to
//! pixels, axes with date ticks, and the few marks the charts need. Output is XML
//! (every element closed, attribute values quoted and escaped).

use std::fmt::Write as _;

use super::date_of_day;
use super::html::escape;

/// Colours, shared by the charts and the HTML legend.
pub(super) const INK: &str = "#222222";
pub(super) const GRID: &str = "#dddddd";
pub(super) const PAIN: &str = "#c0392b";
pub(super) const ADVICE: &str = "#d35400";
pub(super) const BARS: &str = "#2e7d5b";
/// Colours for the exercises' lines, in order.
pub(super) const SERIES: [&str; 6] = [
    "#1f5fa8", "#8e44ad", "#2e7d5b", "#b9770e", "#c0392b", "#555555",
];

/// A chart's plot area and its data ranges. x is in local days (day numbers with a
/// fraction), y in the chart's unit.
pub(super) struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl Frame {
    /// A frame with the house margins.
    pub fn new(width: f64, height: f64, x: [f64; 2], y: [f64; 2]) -> Frame {
        Frame {
            width,
            height,
            left: 58.0,
            right: 16.0,
            top: 14.0,
            bottom: 34.0,
            x_min: x[0],
            x_max: if x[1] > x[0] { x[1] } else { x[0] + 1.0 },
            y_min: y[0],
            y_max: if y[1] > y[0] { y[1] } else { y[0] + 1.0 },
        }
    }

    /// Pixel x of a data x.
    pub fn x(&self, v: f64) -> f64 {
        let w = self.width - self.left - self.right;
        self.left + (v - self.x_min) / (self.x_max - self.x_min) * w
    }

    /// Pixel y of a data y.
    pub fn y(&self, v: f64) -> f64 {
        let h = self.height - self.top - self.bottom;
        self.top + (1.0 - (v - self.y_min) / (self.y_max - self.y_min)) * h
    }

    /// Pixels per day on the x axis.
    pub fn day_width(&self) -> f64 {
        self.x(self.x_min + 1.0) - self.x(self.x_min)
    }

    /// Opens the `<svg>` element with an accessible title.
    pub fn open(&self, out: &mut String, title: &str) {
        let _ = write!(
            out,
            r#"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12"><title>{t}</title>"#,
            w = self.width,
            h = self.height,
            t = escape(title)
        );
    }

    /// Closes the `<svg>` element.
    pub fn close(&self, out: &mut String) {
        out.push_str("</svg>");
    }

    /// Horizontal grid lines and labels at `ticks`, and the y axis title.
    pub fn y_axis(&self, out: &mut String, ticks: &[f64], unit: &str) {
        for &t in ticks {
            let y = self.y(t);
            let _ = write!(
                out,
                r#"<line x1="{x1:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{GRID}" stroke-width="1"/><text x="{lx:.1}" y="{ty:.1}" text-anchor="end" fill="{INK}">{label}</text>"#,
                x1 = self.left,
                x2 = self.width - self.right,
                lx = self.left - 6.0,
                ty = y + 4.0,
                label = trim_number(t),
            );
        }
        let _ = write!(
            out,
            r#"<text x="12" y="{cy:.1}" transform="rotate(-90 12 {cy:.1})" text-anchor="middle" fill="{INK}">{unit}</text>"#,
            cy = (self.top + self.height - self.bottom) / 2.0,
            unit = escape(unit),
        );
    }

    /// The x axis line with date labels (`MM-DD`) at a readable spacing.
    pub fn day_axis(&self, out: &mut String) {
        let base = self.y(self.y_min);
        let _ = write!(
            out,
            r#"<line x1="{x1:.1}" y1="{base:.1}" x2="{x2:.1}" y2="{base:.1}" stroke="{INK}" stroke-width="1"/>"#,
            x1 = self.left,
            x2 = self.width - self.right,
        );
        let first = self.x_min.floor() as i64;
        let last = self.x_max.ceil() as i64 - 1;
        let days = (last - first + 1).max(1);
        let step = [1, 2, 7, 14, 28, 56, 91, 182, 364]
            .into_iter()
            .find(|s| days / s <= 10)
            .unwrap_or(728);
        let mut day = first;
        while day <= last {
            let x = self.x(day as f64 + 0.5);
            let date = date_of_day(day);
            let label = date.get(5..).unwrap_or(&date);
            let _ = write!(
                out,
                r#"<line x1="{x:.1}" y1="{base:.1}" x2="{x:.1}" y2="{tick:.1}" stroke="{INK}" stroke-width="1"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" fill="{INK}">{label}</text>"#,
                tick = base + 4.0,
                ty = base + 18.0,
            );
            day += step;
        }
    }

    /// A polyline through `points` (data coordinates), if there are two or more.
    pub fn polyline(&self, out: &mut String, points: &[(f64, f64)], colour: &str, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        let coords: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", self.x(x), self.y(y)))
            .collect();
        let dash = if dashed {
            r#" stroke-dasharray="6 4""#
        } else {
            ""
        };
        let _ = write!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>"#,
            coords.join(" ")
        );
    }

    /// A filled circle at a data point.
    pub fn dot(&self, out: &mut String, x: f64, y: f64, radius: f64, colour: &str) {
        let _ = write!(
            out,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{radius}" fill="{colour}"/>"#,
            self.x(x),
            self.y(y)
        );
    }

    /// A vertical dashed marker line at data x with a label at its top.
    pub fn marker(&self, out: &mut String, x: f64, label: &str, colour: &str) {
        let px = self.x(x);
        let _ = write!(
            out,
            r#"<line x1="{px:.1}" y1="{y1:.1}" x2="{px:.1}" y2="{y2:.1}" stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/><text x="{tx:.1}" y="{ty:.1}" fill="{colour}" font-weight="bold">{label}</text>"#,
            y1 = self.top,
            y2 = self.y(self.y_min),
            tx = px + 3.0,
            ty = self.top + 11.0,
            label = escape(label),
        );
    }

    /// A bar from the x axis up to `value`, centred on the day.
    pub fn day_bar(&self, out: &mut String, day: i64, value: f64, colour: &str) {
        let w = (self.day_width() * 0.7).max(1.5);
        let x = self.x(day as f64 + 0.5) - w / 2.0;
        let y = self.y(value);
        let h = (self.y(self.y_min) - y).max(0.0);
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{colour}"/>"#
        );
    }

    /// A cross (×) at a data point: a pain stop.
    pub fn cross(&self, out: &mut String, x: f64, y: f64, colour: &str) {
        let (px, py, s) = (self.x(x), self.y(y), 6.0);
        let _ = write!(
            out,
            r#"<path d="M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}" stroke="{colour}" stroke-width="3"/>"#,
            px - s,
            py - s,
            px + s,
            py + s,
            px - s,
            py + s,
            px + s,
            py - s
        );
    }
}

/// Round ticks from 0 to at least `max`: about five steps of 1, 2 or 5 × 10^k.
pub(super) fn ticks_up_to(max: f64) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A number without a trailing `.0`, at most two decimals.
fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks_up_to(10.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let unit = ticks_up_to(0.0);
        assert_eq!((unit.len(), unit.last().copied()), (6, Some(1.0)));
        let t = ticks_up_to(37.0);
        assert!(*t.last().unwrap() >= 37.0 && t.len() <= 7, "{t:?}");
    }

    #[test]
    fn frame_maps_corners() {
        let f = Frame::new(400.0, 200.0, [10.0, 20.0], [0.0, 10.0]);
        assert_eq!(f.x(10.0), f.left);
        assert_eq!(f.x(20.0), 400.0 - f.right);
        assert_eq!(f.y(0.0), 200.0 - f.bottom);
        assert_eq!(f.y(10.0), f.top);
        assert_eq!(trim_number(2.0), "2");
        assert_eq!(trim_number(0.25), "0.25");
    }
}
