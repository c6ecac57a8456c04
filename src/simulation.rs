//! `use_simulation()`: runs scenarios on a pool of web workers and exposes
//! `run`, `cancel`, the progress and the latest results.

mod batches;
mod distributions;
mod pacing;
mod pool;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

pub use batches::{BATCH_TRIALS, Batches};
pub use distributions::{Clv, Distribution, Distributions, HISTOGRAM_BINS, VariantDistributions};
pub use pool::{MAX_WORKERS, RunRequest, pool_size, workers_in_query};
pub use state::{SimulationAction, SimulationState, Status};

use pool::Pool;

/// The page's handle on the simulation.
#[derive(Clone)]
pub struct UseSimulation {
    pub state: UseReducerHandle<SimulationState>,
    pub run: Callback<RunRequest>,
    pub cancel: Callback<()>,
}

/// Starts the worker pool when the component mounts and ends it when it
/// unmounts.
#[hook]
pub fn use_simulation() -> UseSimulation {
    let state = use_reducer(SimulationState::default);
    let pool: Rc<RefCell<Option<Rc<RefCell<Pool>>>>> = use_mut_ref(|| None);
    {
        let pool = pool.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            *pool.borrow_mut() = Some(Pool::spawn(pool_size(), dispatch));
            move || drop(pool.borrow_mut().take())
        });
    }
    let run = {
        let pool = pool.clone();
        Callback::from(move |request: RunRequest| {
            if let Some(pool) = pool.borrow().as_ref() {
                pool.borrow_mut().run(request);
            }
        })
    };
    let cancel = Callback::from(move |()| {
        if let Some(pool) = pool.borrow().as_ref() {
            pool.borrow_mut().cancel();
        }
    });
    UseSimulation { state, run, cancel }
}
