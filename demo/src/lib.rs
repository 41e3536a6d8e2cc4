pub mod lrs;
