//! Still images and folders of images as a frame source.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Frame, FrameSource, SourceError};

/// Frame rate assigned to an image sequence (frames are `1 / 30` s apart).
pub const IMAGE_SEQUENCE_FPS: f64 = 30.0;

const IMAGE_EXTENSIONS: [&str; 3] = ["png", "jpg", "jpeg"];

/// A single image or a folder of images (sorted by file name).
pub struct ImageSource {
    paths: Vec<PathBuf>,
    next_index: usize,
}

impl ImageSource {
    /// Opens a file or a folder.
    pub fn open(path: &Path) -> Result<ImageSource, SourceError> {
        if !path.exists() {
            return Err(SourceError::NotFound {
                path: path.to_owned(),
            });
        }
        let paths = if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|cause| SourceError::Io {
                what: path.display().to_string(),
                cause,
            })?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_image_path(p))
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(SourceError::EmptyFolder {
                    path: path.to_owned(),
                });
            }
            paths
        } else {
            vec![path.to_owned()]
        };
        Ok(ImageSource {
            paths,
            next_index: 0,
        })
    }
}

/// `true` if the path has an image extension we decode.
pub fn is_image_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

impl FrameSource for ImageSource {
    fn next_frame(&mut self) -> Option<Result<Frame, SourceError>> {
        let path = self.paths.get(self.next_index)?.clone();
        let index = self.next_index;
        self.next_index += 1;
        Some(
            image::open(&path)
                .map(|img| Frame {
                    t_secs: index as f64 / IMAGE_SEQUENCE_FPS,
                    image: Arc::new(img.to_rgb8()),
                })
                .map_err(|e| SourceError::BadImage {
                    path,
                    message: e.to_string(),
                }),
        )
    }

    fn fps_hint(&self) -> Option<f64> {
        Some(IMAGE_SEQUENCE_FPS)
    }

    fn frame_count_hint(&self) -> Option<u64> {
        Some(self.paths.len() as u64)
    }
}
