//! "Download SVG" and "Download PNG" for the chart they sit in. The chart's
//! colours come from CSS variables that mean nothing outside the page, so
//! the exported SVG carries every element's computed style inline, with
//! the chart's title and legend drawn in and the theme's background.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{Element, HtmlCanvasElement, HtmlImageElement};
use yew::prelude::*;

use crate::components::download::{download_blob, download_text};
use crate::results_csv::slug;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The styles an exported element keeps; enough for every chart here.
const STYLES: [&str; 17] = [
    "display",
    "visibility",
    "opacity",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linejoin",
    "stroke-linecap",
    "font-family",
    "font-size",
    "font-weight",
    "font-variant-numeric",
    "dominant-baseline",
    "paint-order",
];
/// Room above the chart for its title, and per legend line below it.
const TITLE_HEIGHT: f64 = 26.0;
const LEGEND_LINE: f64 = 20.0;
/// Rough width of one character of the 12-unit legend text.
const CHAR_WIDTH: f64 = 6.8;
/// Room left and right of the chart, as the card's padding gives it.
const SIDE_MARGIN: f64 = 16.0;
/// PNG pixels per SVG unit.
const PNG_SCALE: f64 = 2.0;
/// The size of a chart's text, in its units, where it is drawn wide.
const CHART_TEXT: f64 = 12.0;

/// A legend entry's key as the file draws it: a square of the entry's
/// colour, or a stretch of its line, dashed as the line is.
enum Key {
    Square {
        fill: String,
        opacity: String,
    },
    Line {
        stroke: String,
        dash: String,
        cap: String,
    },
}

/// Widths of a square key and a line key: the line long enough to show
/// a dash-dot once.
const SQUARE_KEY: f64 = 12.0;
const LINE_KEY: f64 = 20.0;

impl Key {
    fn width(&self) -> f64 {
        match self {
            Key::Square { .. } => SQUARE_KEY,
            Key::Line { .. } => LINE_KEY,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartExportProps {
    /// The chart's title, for the buttons' names and the file names.
    pub title: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Svg,
    Png,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Svg => "SVG",
            Format::Png => "PNG",
        }
    }
}

/// Two small buttons that save the enclosing `<figure>`'s chart.
#[component]
pub fn ChartExport(props: &ChartExportProps) -> Html {
    let problem = use_state_eq(|| None::<AttrValue>);
    let button = |format: Format| {
        let title = props.title.clone();
        let problem = problem.setter();
        let onclick = Callback::from(move |event: MouseEvent| {
            let Some(figure) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("figure").ok().flatten())
            else {
                return;
            };
            let title = title.clone();
            let problem = problem.clone();
            spawn_local(async move {
                match export(&figure, &title, format).await {
                    Ok(()) => problem.set(None),
                    Err(error) => {
                        web_sys::console::warn_2(&"could not export a chart:".into(), &error);
                        problem.set(Some(
                            format!("The chart could not be saved as {}.", format.name()).into(),
                        ));
                    }
                }
            });
        });
        html! {
            <button type="button" class="chart-export-button" {onclick}
                aria-label={format!("Download {} chart as {}", props.title, format.name())}>
                {format.name()}
            </button>
        }
    };
    html! {
        <div class="chart-export">
            <span class="chart-export-label" aria-hidden="true">{"Download"}</span>
            {button(Format::Svg)}
            {button(Format::Png)}
            if let Some(problem) = (*problem).clone() {
                <p class="error chart-export-problem" role="alert">{problem}</p>
            }
        </div>
    }
}

async fn export(figure: &Element, title: &str, format: Format) -> Result<(), JsValue> {
    let chart = standalone_svg(figure)?;
    match format {
        Format::Svg => download_text(
            &format!("{}.svg", slug(title)),
            "image/svg+xml",
            &chart.text,
        ),
        Format::Png => {
            let blob = png(&chart).await?;
            download_blob(&format!("{}.png", slug(title)), &blob)
        }
    }
}

/// A chart as a file of its own.
struct Standalone {
    text: String,
    width: f64,
    height: f64,
    background: String,
}

/// The chart's `<svg>` with computed styles inline, the title above, the
/// legend below and the page's background behind.
fn standalone_svg(figure: &Element) -> Result<Standalone, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let svg = figure
        .query_selector("svg.chart-svg")?
        .ok_or("the figure has no chart")?;
    let copy: Element = svg.clone_node_with_deep(true)?.dyn_into()?;

    // On screen a chart's text steps with its width (styles/app.css); the
    // file takes the chart's usual 12-unit text, the same from any screen.
    let drawn_size = window
        .get_computed_style(&svg)?
        .ok_or("no computed style")?
        .get_property_value("font-size")?;
    let text_scale = drawn_size
        .trim_end_matches("px")
        .parse::<f64>()
        .map_or(1.0, |px| CHART_TEXT / px);

    // Same document order in both trees, so elements pair up by index.
    let originals = svg.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    for i in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(target)) = (originals.get(i), copies.get(i)) else {
            continue;
        };
        let (original, target): (Element, Element) = (original.dyn_into()?, target.dyn_into()?);
        target.set_attribute("style", &inline_style(&window, &original, text_scale)?)?;
        target.remove_attribute("class")?;
        target.remove_attribute("tabindex")?;
    }
    for name in ["class", "role", "aria-label", "data-testid"] {
        copy.remove_attribute(name)?;
    }
    copy.set_attribute("style", &inline_style(&window, &svg, text_scale)?)?;

    let style = |e: &Element, property: &str| -> Result<String, JsValue> {
        window
            .get_computed_style(e)?
            .ok_or("no computed style")?
            .get_property_value(property)
    };
    let background = style(figure, "background-color")?;
    let text_colour = style(figure, "color")?;
    let font = style(figure, "font-family")?;

    let view: Vec<f64> = svg
        .get_attribute("viewBox")
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let [chart_x, y0, chart_width, chart_height] = view[..] else {
        return Err("the chart has no viewBox".into());
    };
    let (x0, width) = (chart_x - SIDE_MARGIN, chart_width + 2.0 * SIDE_MARGIN);

    let mut legend = Vec::new();
    let items = figure.query_selector_all(".chart-legend li")?;
    for i in 0..items.length() {
        let Some(item) = items.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let key = if let Some(line) = item.query_selector(".line-swatch line")? {
            Key::Line {
                stroke: style(&line, "stroke")?,
                dash: style(&line, "stroke-dasharray")?,
                cap: style(&line, "stroke-linecap")?,
            }
        } else if let Some(s) = item.query_selector(".swatch")? {
            Key::Square {
                fill: style(&s, "background-color")?,
                opacity: style(&s, "opacity")?,
            }
        } else {
            Key::Square {
                fill: "transparent".to_string(),
                opacity: "1".to_string(),
            }
        };
        legend.push((key, item.text_content().unwrap_or_default()));
    }
    // Legend entries flow left to right and wrap like the page's legend.
    let mut placed = Vec::new();
    let (mut lx, mut line) = (x0 + 4.0, 0u32);
    for (key, text) in legend {
        let item_width = key.width() + 6.0 + text.chars().count() as f64 * CHAR_WIDTH + 14.0;
        if lx > x0 + 4.0 && lx + item_width > x0 + width {
            lx = x0 + 4.0;
            line += 1;
        }
        placed.push((lx, line, key, text));
        lx += item_width;
    }
    let legend_height = if placed.is_empty() {
        0.0
    } else {
        f64::from(line + 1) * LEGEND_LINE + 6.0
    };
    // Notes (median and interval, where friction costs most) as wrapped lines.
    let mut notes = Vec::new();
    let paragraphs = figure.query_selector_all(".chart-note")?;
    for i in 0..paragraphs.length() {
        if let Some(text) = paragraphs.get(i).and_then(|n| n.text_content()) {
            notes.extend(wrap(&text, (width / CHAR_WIDTH) as usize));
        }
    }
    let notes_top = y0 + chart_height + legend_height + 4.0;
    let legend_height = legend_height + notes.len() as f64 * LEGEND_LINE;

    let top = y0 - TITLE_HEIGHT;
    let height = chart_height + TITLE_HEIGHT + legend_height;
    copy.set_attribute("xmlns", SVG_NS)?;
    copy.set_attribute("viewBox", &format!("{x0} {top} {width} {height}"))?;
    copy.set_attribute("width", &width.to_string())?;
    copy.set_attribute("height", &height.to_string())?;

    let element = |name: &str, attributes: &[(&str, String)]| -> Result<Element, JsValue> {
        let e = document.create_element_ns(Some(SVG_NS), name)?;
        for (key, value) in attributes {
            e.set_attribute(key, value)?;
        }
        Ok(e)
    };
    let backdrop = element(
        "rect",
        &[
            ("x", x0.to_string()),
            ("y", top.to_string()),
            ("width", width.to_string()),
            ("height", height.to_string()),
            ("fill", background.clone()),
        ],
    )?;
    copy.insert_before(&backdrop, copy.first_child().as_ref())?;
    let heading = element(
        "text",
        &[
            ("x", (x0 + 4.0).to_string()),
            ("y", (top + 17.0).to_string()),
            ("fill", text_colour.clone()),
            (
                "style",
                format!("font-family: {font}; font-size: 14px; font-weight: 600"),
            ),
        ],
    )?;
    let caption = figure
        .query_selector("figcaption")?
        .and_then(|c| c.text_content())
        .unwrap_or_default();
    heading.set_text_content(Some(&caption));
    copy.append_child(&heading)?;
    let legend_top = y0 + chart_height + 6.0;
    for (lx, line, key, text) in placed {
        let ly = legend_top + f64::from(line) * LEGEND_LINE;
        let text_x = lx + key.width() + 6.0;
        let swatch = match key {
            Key::Square { fill, opacity } => element(
                "rect",
                &[
                    ("x", lx.to_string()),
                    ("y", (ly + 2.0).to_string()),
                    ("width", SQUARE_KEY.to_string()),
                    ("height", SQUARE_KEY.to_string()),
                    ("rx", "2".to_string()),
                    ("fill", fill),
                    ("fill-opacity", opacity),
                ],
            )?,
            Key::Line { stroke, dash, cap } => element(
                "line",
                &[
                    ("x1", lx.to_string()),
                    ("x2", (lx + LINE_KEY).to_string()),
                    ("y1", (ly + 8.0).to_string()),
                    ("y2", (ly + 8.0).to_string()),
                    (
                        "style",
                        format!(
                            "stroke: {stroke}; stroke-width: 3; stroke-dasharray: {dash}; stroke-linecap: {cap}"
                        ),
                    ),
                ],
            )?,
        };
        copy.append_child(&swatch)?;
        let label = element(
            "text",
            &[
                ("x", text_x.to_string()),
                ("y", (ly + 12.5).to_string()),
                ("fill", text_colour.clone()),
                ("style", format!("font-family: {font}; font-size: 12px")),
            ],
        )?;
        label.set_text_content(Some(&text));
        copy.append_child(&label)?;
    }

    for (i, note) in notes.iter().enumerate() {
        let line = element(
            "text",
            &[
                ("x", (x0 + 4.0).to_string()),
                ("y", (notes_top + 12.5 + i as f64 * LEGEND_LINE).to_string()),
                ("fill", text_colour.clone()),
                ("style", format!("font-family: {font}; font-size: 12px")),
            ],
        )?;
        line.set_text_content(Some(note));
        copy.append_child(&line)?;
    }

    let text = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok(Standalone {
        text,
        width,
        height,
        background,
    })
}

/// `text` in lines of at most about `width` characters, broken between words.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// `property: value; ...` for the styles an exported element keeps.
fn inline_style(
    window: &web_sys::Window,
    element: &Element,
    text_scale: f64,
) -> Result<String, JsValue> {
    let computed = window
        .get_computed_style(element)?
        .ok_or("no computed style")?;
    let mut out = String::new();
    for property in STYLES {
        let mut value = computed.get_property_value(property)?;
        if property == "font-size"
            && let Ok(px) = value.trim_end_matches("px").parse::<f64>()
        {
            value = format!("{}px", px * text_scale);
        }
        // Only the break-even label paints its stroke (a halo) first.
        let default = value.is_empty() || (property == "paint-order" && value == "normal");
        if !default {
            out.push_str(&format!("{property}: {value}; "));
        }
    }
    Ok(out.trim_end().to_string())
}

/// The chart drawn at twice its size on the theme's background.
async fn png(chart: &Standalone) -> Result<web_sys::Blob, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&JsValue::from_str(&chart.text));
    let svg = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&svg)?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    web_sys::Url::revoke_object_url(&url)?;
    decoded?;

    let (width, height) = (chart.width * PNG_SCALE, chart.height * PNG_SCALE);
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(width.round() as u32);
    canvas.set_height(height.round() as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2d canvas")?
        .dyn_into()?;
    context.set_fill_style_str(&chart.background);
    context.fill_rect(0.0, 0.0, width, height);
    context.draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)?;

    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, reject| {
        if let Err(error) = canvas.to_blob(&resolve)
            && let Err(error) = reject.call1(&JsValue::NULL, &error)
        {
            web_sys::console::warn_1(&error);
        }
    }))
    .await?;
    blob.dyn_into::<web_sys::Blob>()
        .map_err(|_| JsValue::from_str("the canvas made no image"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_wrap_between_words() {
        assert_eq!(
            wrap("Bar height: share of trials · median $1.2M", 20),
            ["Bar height: share of", "trials · median", "$1.2M"]
        );
        assert_eq!(wrap("", 20), Vec::<String>::new());
    }
}
