//! The app's entry point: mounts the Yew app on the page's body.

fn main() {
    yew::Renderer::<cx_journey_app::App>::new().render();
}
