//! A front end's own settings (the app's poll interval and start at login…): one JSON value under
//! the front end's key, beside the engine's tables. What the values mean is the front end's.

use crate::{EngineError, Lookout};
pub use lookout_store::POLL_INTERVAL_RANGE;
use serde::de::DeserializeOwned;
use serde::Serialize;

impl Lookout {
    /// The value stored under `key`, if any.
    pub async fn setting<T>(&self, key: &'static str) -> Result<Option<T>, EngineError>
    where
        T: DeserializeOwned + Send + 'static,
    {
        Ok(self.reader.run(move |store| store.setting(key)).await?)
    }

    /// Stores `value` under `key` (replacing what was there).
    pub async fn set_setting<T>(&self, key: &'static str, value: T) -> Result<(), EngineError>
    where
        T: Serialize + Send + 'static,
    {
        Ok(self
            .store
            .run(move |store| store.set_setting(key, &value))
            .await?)
    }
}
