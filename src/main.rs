//! The app's entry point: reports panics on the page, then mounts the Yew
//! app on the page's body.

fn main() {
    cx_journey_app::panic_report::install();
    yew::Renderer::<cx_journey_app::App>::new().render();
}
